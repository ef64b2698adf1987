package io.lakegate.lineage.hub.ingest;

/** What became of a submitted event once its batch committed. */
public enum IngestResult {
    STORED,
    /** Stored before, with the same key: a transport's retry, or the same event sent twice. */
    DUPLICATE
}
