package io.eventline.server;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.eventline.server.config.ConfigProperties;
import io.eventline.server.config.ConfigurationException;
import io.eventline.server.config.EventlineConfig;
import io.eventline.server.wiring.ConfigModule;
import io.eventline.server.wiring.GrpcModule;
import io.eventline.server.wiring.MetricsModule;
import io.eventline.server.wiring.RedisModule;
import io.eventline.server.wiring.StoreModule;
import io.eventline.server.wiring.SubscriptionModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Starts Eventline: {@code java -jar eventline-server.jar [--key=value ...]}. */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        EventlineServer server;
        try {
            server = create(List.of(args), System.getenv());
        }
        catch (ConfigurationException e) {
            log.error("Invalid configuration: {}", e.getMessage());
            System.exit(2);
            return;
        }
        server.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "eventline-shutdown"));
        stopped.await();
    }

    /** Reads the configuration and wires the server, without starting it. */
    public static EventlineServer create(List<String> args, Map<String, String> environment) {
        routeJavaUtilLogging();
        EventlineConfig config = EventlineConfig.from(ConfigProperties.load(args, environment));
        log.info("Configuration: {}", config.describe());
        Injector injector = Guice.createInjector(Stage.PRODUCTION,
                new ConfigModule(config), new RedisModule(), new MetricsModule(), new StoreModule(), new SubscriptionModule(), new GrpcModule());
        return injector.getInstance(EventlineServer.class);
    }

    /** grpc-java and Netty log through java.util.logging: send it to SLF4J, so one format and logback.xml's levels apply to all. */
    private static void routeJavaUtilLogging() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
