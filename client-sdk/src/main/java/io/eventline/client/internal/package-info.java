/**
 * Not part of the API: the SDK's plumbing (the channel, call options and credentials, unary calls
 * with retries, error translation, the append, read and admin calls, the subscriptions). Its
 * classes are public only because the API packages are wired from them; they change without notice
 * between releases. Depend on the other {@code io.eventline.client} packages only.
 */
package io.eventline.client.internal;
