package io.eventline.loadtest.redis;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedisInfoTest {
    @Test
    void readsFieldsOfInfo() {
        String info = "# Memory\r\nused_memory:1048576\r\nused_memory_human:1.00M\r\n";
        assertEquals("1048576", RedisInfo.infoField(info, "used_memory").orElseThrow());
        assertEquals("1.00M", RedisInfo.infoField(info, "used_memory_human").orElseThrow());
        assertTrue(RedisInfo.infoField(info, "maxmemory").isEmpty());
    }
}
