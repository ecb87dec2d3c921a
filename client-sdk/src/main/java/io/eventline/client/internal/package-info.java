/**
 * Not part of the API: the SDK's plumbing (the channel, call options and credentials, unary calls
 * with retries, error translation, the append, read and admin calls, the subscriptions). Most of
 * its classes are package-private; the few public ones (the client's implementation and what its
 * builder assembles) are public only because {@code io.eventline.client} is wired from them, and
 * change without notice between releases. Depend on the other {@code io.eventline.client} packages.
 */
package io.eventline.client.internal;
