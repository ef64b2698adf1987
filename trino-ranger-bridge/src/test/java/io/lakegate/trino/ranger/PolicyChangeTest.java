package io.lakegate.trino.ranger;

import static io.lakegate.policyserver.HivePolicies.access;
import static io.lakegate.trino.ranger.Fixture.MALLORY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** An edit of the policies in Ranger reaches a running Trino at its next poll: no restart. */
class PolicyChangeTest {
    private static final TrinoWithRanger TRINO = TrinoWithRanger.get();

    @Test
    void aNewPolicyAppliesWithoutRestartingTrino() {
        List<ObjectNode> granted = new ArrayList<>(Arrays.asList(Fixture.policies()));
        granted.add(access(90, "sales", "orders", "*", "select", List.of("mallory"), List.of()));
        try {
            TRINO.publish(granted.toArray(ObjectNode[]::new));
            assertThat(eventually(() -> canRead()))
                    .as("mallory reads once the grant is polled")
                    .isTrue();
            assertThat(TRINO.run(MALLORY, "SELECT count(*) FROM orders").getOnlyValue())
                    .isEqualTo(10L);
        } finally {
            TRINO.restorePolicies();
        }
        assertThat(eventually(() -> !canRead()))
                .as("and is denied once it is withdrawn")
                .isTrue();
    }

    private static boolean canRead() {
        try {
            TRINO.run(MALLORY, "SELECT count(*) FROM orders");
            return true;
        } catch (RuntimeException denied) {
            return false;
        }
    }

    // The plugin polls every 200 ms: re-check the condition, without a fixed sleep, for at most ten seconds.
    private static boolean eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.onSpinWait();
        }
        return condition.getAsBoolean();
    }
}
