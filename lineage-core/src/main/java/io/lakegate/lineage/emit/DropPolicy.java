package io.lakegate.lineage.emit;

/** Which event gives way when the emitter's queue is full: the host never waits for room. */
public enum DropPolicy {
    /** The event being submitted is dropped; what is queued is sent in order. */
    DROP_NEWEST,
    /** The oldest queued event is dropped to make room: the latest runs are the ones that arrive. */
    DROP_OLDEST,
}
