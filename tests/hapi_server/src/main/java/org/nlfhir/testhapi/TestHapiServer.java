package org.nlfhir.testhapi;

import ca.uhn.fhir.rest.server.RestfulServer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * Starts the HAPI FHIR JPA server (R4, H2 in memory) for nl-fhir's integration tests, bound to
 * 127.0.0.1 only, with the FHIR base at {@code http://127.0.0.1:<port>/fhir}.
 *
 * <p>Port: the first argument, else the {@code hapi.port} system property, else 8091.
 */
public final class TestHapiServer {

    private TestHapiServer() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args.length > 0 ? args[0] : System.getProperty("hapi.port", "8091"));
        AnnotationConfigApplicationContext spring = new AnnotationConfigApplicationContext(TestHapiConfig.class);
        RestfulServer fhir = spring.getBean(RestfulServer.class);

        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder("fhir", fhir);
        holder.setInitOrder(1);
        context.addServlet(holder, "/fhir/*");
        jetty.setHandler(context);
        jetty.setStopTimeout(10_000);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                jetty.stop();
            } catch (Exception e) {
                e.printStackTrace();
            }
            spring.close();
        }, "nlfhir-test-hapi-shutdown"));
        jetty.start();
        System.out.println("nlfhir test HAPI listening on http://127.0.0.1:" + port + "/fhir");
        jetty.join();
    }
}
