package io.eventline.server;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NettyDefaultsTest {
    @Test
    void leakDetectionIsOffForBothNettiesUnlessTheOperatorSetIt() {
        Properties properties = new Properties();
        properties.setProperty("io.netty.leakDetection.level", "paranoid");

        NettyDefaults.applyTo(properties);

        assertEquals("paranoid", properties.getProperty("io.netty.leakDetection.level"));
        assertEquals("disabled", properties.getProperty("io.grpc.netty.shaded.io.netty.leakDetection.level"));
    }
}
