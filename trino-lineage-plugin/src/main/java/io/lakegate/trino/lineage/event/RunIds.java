package io.lakegate.trino.lineage.event;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.UUID;

/**
 * A query's OpenLineage run id: a UUID version 7 (time-ordered, as OpenLineage recommends) whose time is the query's
 * creation and whose random bits are a hash of the query id, so that its START and its COMPLETE or FAIL, built from
 * different events, name the same run.
 */
final class RunIds {
    private RunIds() {}

    static UUID of(String queryId, Instant created) {
        requireNonNull(queryId, "queryId is null");
        requireNonNull(created, "created is null");
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(queryId.getBytes(UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
        ByteBuffer bits = ByteBuffer.wrap(hash);
        long millis = created.toEpochMilli() & 0xFFFF_FFFF_FFFFL;
        long high = (millis << 16) | 0x7000L | (bits.getShort() & 0x0FFFL);
        long low = (bits.getLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
