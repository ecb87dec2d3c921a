package io.eventline.server;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.spi.Message;
import io.eventline.server.config.ConfigProperties;
import io.eventline.server.config.ConfigurationException;
import io.eventline.server.config.EventlineConfig;
import io.eventline.server.config.SettingsHelp;
import io.eventline.server.lifecycle.StartupException;
import io.eventline.server.wiring.ConfigModule;
import io.eventline.server.wiring.GrpcModule;
import io.eventline.server.wiring.MetricsModule;
import io.eventline.server.wiring.RedisModule;
import io.eventline.server.wiring.StoreModule;
import io.eventline.server.wiring.SubscriptionModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Starts Eventline: {@code java -jar eventline-server.jar [--help] [--key=value ...]}. */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);
    /** Exit status for a bad setting (or file a setting names). */
    static final int CONFIGURATION_ERROR = 2;
    /** Exit status for a failed start (everything started was stopped again). */
    static final int START_FAILED = 1;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(SettingsHelp.text());
            return;
        }
        NettyDefaults.applyTo(System.getProperties());
        EventlineServer server;
        try {
            server = create(List.of(args), System.getenv());
        }
        catch (ConfigurationException e) {
            log.error("Invalid configuration: {}", e.getMessage());
            System.exit(CONFIGURATION_ERROR);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // registered before the start, so that a SIGTERM during it undoes what it started
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "eventline-shutdown"));
        try {
            server.start();
        }
        catch (StartupException e) {
            log.error("Eventline did not start: {}", e.getMessage());
            System.exit(START_FAILED);
        }
        catch (RuntimeException e) {
            log.error("Eventline did not start: {}", e.toString(), e);
            System.exit(START_FAILED);
        }
        stopped.await();
    }

    /** Reads the configuration and wires the server, without starting it: nothing here touches Redis or a port. */
    public static EventlineServer create(List<String> args, Map<String, String> environment) {
        routeJavaUtilLogging();
        EventlineConfig config = EventlineConfig.from(ConfigProperties.load(args, environment));
        log.info("Configuration: {}", config.describe());
        try {
            Injector injector = Guice.createInjector(Stage.PRODUCTION,
                    new ConfigModule(config), new RedisModule(), new MetricsModule(), new StoreModule(), new SubscriptionModule(), new GrpcModule());
            return injector.getInstance(EventlineServer.class);
        }
        catch (CreationException e) {
            throw configurationError(e.getErrorMessages()).orElseThrow(() -> e);
        }
        catch (ProvisionException e) {
            throw configurationError(e.getErrorMessages()).orElseThrow(() -> e);
        }
    }

    /** A provider that read a file a setting names (TLS, tokens) failed: the setting's message, not Guice's report. */
    private static java.util.Optional<ConfigurationException> configurationError(Collection<Message> messages) {
        return messages.stream().map(Message::getCause).filter(ConfigurationException.class::isInstance).map(ConfigurationException.class::cast).findFirst();
    }

    /** grpc-java and Netty log through java.util.logging: send it to SLF4J, so one format and logback.xml's levels apply to all. */
    private static void routeJavaUtilLogging() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
