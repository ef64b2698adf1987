package io.lakegate.spark.authz.protection;

import io.lakegate.ranger.RangerAuthorizer;
import io.lakegate.ranger.TableProtection;
import io.lakegate.ranger.UserIdentity;
import io.lakegate.spark.authz.AccessControlException;
import io.lakegate.spark.authz.catalog.TableName;
import io.lakegate.spark.authz.marker.ReaderScanMarker;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import scala.collection.JavaConverters;

/**
 * Whether the row filter and masks a plan applies to a scan still are what Ranger decides for the user reading it. A
 * plan outlives the policies it was analysed under (a DataFrame, a statement analysed before the first policies
 * loaded, or just before a change): it may run only while Ranger still decides the same protection for it.
 */
public final class ProtectionChanges {
    private ProtectionChanges() {}

    /**
     * Whether a scan protected for {@code reader} under policy version {@code readerVersion} was protected under
     * other policies than {@code version}'s. A scan protected for another user (a global temporary view made from
     * their DataFrame) carries their row filter and masks, and was authorized for them: it is refused.
     */
    public static boolean isStale(String reader, long readerVersion, String user, long version) {
        if (!reader.equals(user)) {
            throw new AccessControlException("Permission denied: user [" + user + "] may not use a plan Lakegate"
                    + " protected for user [" + reader + "]: build the DataFrame or view again as [" + user + "]");
        }
        return readerVersion != version;
    }

    /** Refuses a marker's scan unless Ranger decides, now, the protection applied below the marker. */
    public static void refuseIfChanged(RangerAuthorizer authorizer, UserIdentity identity, ReaderScanMarker marker) {
        refuseIfChanged(authorizer, marker.protection(), marker.table(), marker.child(), identity);
    }

    static void refuseIfChanged(
            RangerAuthorizer authorizer,
            TableProtection applied,
            TableName table,
            LogicalPlan protectedPart,
            UserIdentity identity) {
        LogicalPlan scan = protectedPart;
        while (scan instanceof Project || scan instanceof Filter) {
            scan = JavaConverters.seqAsJavaList(scan.children()).get(0);
        }
        if (!authorizer
                .protection(identity, table.resource(), columnNames(scan))
                .equals(applied)) {
            throw new AccessControlException("Permission denied: Ranger's row filter or masks on ["
                    + table.resource().path() + "] for user [" + identity.user()
                    + "] changed since the plan was built: build the DataFrame or view again");
        }
    }

    static List<String> columnNames(LogicalPlan scan) {
        List<String> names = new ArrayList<>();
        for (Attribute column : JavaConverters.seqAsJavaList(scan.output())) {
            names.add(column.name());
        }
        return names;
    }
}
