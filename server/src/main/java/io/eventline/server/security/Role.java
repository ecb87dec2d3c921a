package io.eventline.server.security;

/** What a token may do. Admin includes write and read; write does not include read. */
public enum Role {
    READ, WRITE, ADMIN
}
