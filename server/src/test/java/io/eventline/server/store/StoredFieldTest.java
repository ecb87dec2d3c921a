package io.eventline.server.store;

import io.eventline.server.store.append.EventAppender;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

class StoredFieldTest {
    @Test
    void everyFieldOfAHolderHasItsOwnStoredNameAndLuaName() {
        for (StoredField.Holder holder : StoredField.Holder.values()) {
            Set<String> stored = new HashSet<>();
            Set<String> lua = new HashSet<>();
            for (StoredField field : StoredField.values()) {
                if (field.toString().startsWith(holder.name().toLowerCase(java.util.Locale.ROOT) + ".")) {
                    assertTrue(stored.add(field.text()), "stored name used twice in " + holder + ": " + field);
                    assertTrue(lua.add(field.toString()), "Lua name used twice: " + field);
                }
            }
            assertTrue(!stored.isEmpty(), holder + " has fields");
        }
    }

    @Test
    void scriptsGetTheTablesOnOneLineInFrontOfTheirOwnText() {
        String source = StoredField.script(EventAppender.class, "append.lua").source();
        String tables = source.substring(0, source.indexOf('\n'));

        assertTrue(tables.startsWith("local META = {version = 'v', created = 'c'"), tables);
        assertTrue(tables.contains("local EVENT = {id = 'i', type = 't', data = 'd', content_type = 'c', metadata = 'm', position = 'p'}"), tables);
        assertTrue(tables.contains("local POINTER = {stream = 's', version = 'v', type = 't', reason = 'r', deliveries = 'n'}"), tables);
        assertTrue(source.substring(source.indexOf('\n') + 1).startsWith("-- Appends batches of events"), "then the script's own first line");
    }
}
