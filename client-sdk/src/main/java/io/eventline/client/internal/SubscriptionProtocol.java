package io.eventline.client.internal;

import io.eventline.proto.v1.SubscribeRequest;
import io.eventline.proto.v1.SubscribeResponse;

/** What a kind of subscription does with the call its {@link SubscriptionLoop} keeps open. All run on the loop's thread. */
interface SubscriptionProtocol {
    /** The request of the next call: the first, or the one that resumes after a lost connection. */
    SubscribeRequest request();

    /** A response arrived. A thrown exception ends the subscription. */
    void received(SubscribeResponse response) throws Exception;

    /** Nothing arrived for a while, or everything that did was handled. */
    void idle();

    /** Before resubscribing: settle what must be settled first; false to try again after a backoff. */
    boolean beforeReconnect();

    /** The subscription ends: a last, bounded chance to settle. */
    void closing();
}
