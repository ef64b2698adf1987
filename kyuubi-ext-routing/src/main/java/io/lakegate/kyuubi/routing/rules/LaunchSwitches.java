package io.lakegate.kyuubi.routing.rules;

/** Per rule: whether the engines it launches get Lakegate's authorization and OpenLineage (both by default). */
public record LaunchSwitches(boolean authz, boolean lineage) {
    public static final LaunchSwitches ALL = new LaunchSwitches(true, true);
}
