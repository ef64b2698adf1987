package io.lakegate.trino.ranger.access;

import static io.trino.spi.security.AccessDeniedException.denyAddColumn;
import static io.trino.spi.security.AccessDeniedException.denyAlterColumn;
import static io.trino.spi.security.AccessDeniedException.denyCommentColumn;
import static io.trino.spi.security.AccessDeniedException.denyCommentTable;
import static io.trino.spi.security.AccessDeniedException.denyCommentView;
import static io.trino.spi.security.AccessDeniedException.denyCreateBranch;
import static io.trino.spi.security.AccessDeniedException.denyCreateCatalog;
import static io.trino.spi.security.AccessDeniedException.denyCreateFunction;
import static io.trino.spi.security.AccessDeniedException.denyCreateMaterializedView;
import static io.trino.spi.security.AccessDeniedException.denyCreateSchema;
import static io.trino.spi.security.AccessDeniedException.denyCreateTable;
import static io.trino.spi.security.AccessDeniedException.denyCreateView;
import static io.trino.spi.security.AccessDeniedException.denyDeleteTable;
import static io.trino.spi.security.AccessDeniedException.denyDropBranch;
import static io.trino.spi.security.AccessDeniedException.denyDropCatalog;
import static io.trino.spi.security.AccessDeniedException.denyDropColumn;
import static io.trino.spi.security.AccessDeniedException.denyDropFunction;
import static io.trino.spi.security.AccessDeniedException.denyDropMaterializedView;
import static io.trino.spi.security.AccessDeniedException.denyDropSchema;
import static io.trino.spi.security.AccessDeniedException.denyDropTable;
import static io.trino.spi.security.AccessDeniedException.denyDropView;
import static io.trino.spi.security.AccessDeniedException.denyExecuteProcedure;
import static io.trino.spi.security.AccessDeniedException.denyExecuteTableProcedure;
import static io.trino.spi.security.AccessDeniedException.denyFastForwardBranch;
import static io.trino.spi.security.AccessDeniedException.denyImpersonateUser;
import static io.trino.spi.security.AccessDeniedException.denyInsertTable;
import static io.trino.spi.security.AccessDeniedException.denyKillQuery;
import static io.trino.spi.security.AccessDeniedException.denyReadSystemInformationAccess;
import static io.trino.spi.security.AccessDeniedException.denyRefreshMaterializedView;
import static io.trino.spi.security.AccessDeniedException.denyRefreshView;
import static io.trino.spi.security.AccessDeniedException.denyRenameColumn;
import static io.trino.spi.security.AccessDeniedException.denyRenameMaterializedView;
import static io.trino.spi.security.AccessDeniedException.denyRenameSchema;
import static io.trino.spi.security.AccessDeniedException.denyRenameTable;
import static io.trino.spi.security.AccessDeniedException.denyRenameView;
import static io.trino.spi.security.AccessDeniedException.denySelectColumns;
import static io.trino.spi.security.AccessDeniedException.denySelectTable;
import static io.trino.spi.security.AccessDeniedException.denySetCatalogSessionProperty;
import static io.trino.spi.security.AccessDeniedException.denySetEntityAuthorization;
import static io.trino.spi.security.AccessDeniedException.denySetMaterializedViewProperties;
import static io.trino.spi.security.AccessDeniedException.denySetTableProperties;
import static io.trino.spi.security.AccessDeniedException.denyShowBranches;
import static io.trino.spi.security.AccessDeniedException.denyShowColumns;
import static io.trino.spi.security.AccessDeniedException.denyShowCreateFunction;
import static io.trino.spi.security.AccessDeniedException.denyShowCreateSchema;
import static io.trino.spi.security.AccessDeniedException.denyShowCreateTable;
import static io.trino.spi.security.AccessDeniedException.denyTruncateTable;
import static io.trino.spi.security.AccessDeniedException.denyUpdateTableColumns;
import static io.trino.spi.security.AccessDeniedException.denyViewQuery;
import static io.trino.spi.security.AccessDeniedException.denyWriteSystemInformationAccess;
import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.lakegate.ranger.AccessDecision;
import io.lakegate.ranger.ColumnMask;
import io.lakegate.ranger.Listing;
import io.lakegate.ranger.RangerResource;
import io.lakegate.ranger.RowFilter;
import io.lakegate.ranger.TableProtection;
import io.lakegate.ranger.UserIdentity;
import io.lakegate.ranger.mask.UnsupportedMaskException;
import io.lakegate.trino.ranger.config.RangerBridgeConfig;
import io.lakegate.trino.ranger.mask.TrinoMasks;
import io.trino.spi.QueryId;
import io.trino.spi.connector.CatalogSchemaName;
import io.trino.spi.connector.CatalogSchemaRoutineName;
import io.trino.spi.connector.CatalogSchemaTableName;
import io.trino.spi.connector.ColumnSchema;
import io.trino.spi.connector.EntityKindAndName;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.function.SchemaFunctionName;
import io.trino.spi.security.AccessDeniedException;
import io.trino.spi.security.Identity;
import io.trino.spi.security.PrincipalType;
import io.trino.spi.security.SystemAccessControl;
import io.trino.spi.security.SystemSecurityContext;
import io.trino.spi.security.TrinoPrincipal;
import io.trino.spi.security.ViewExpression;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trino's system access control on Ranger: every check Trino 483 makes, answered for each catalog from the service
 * governing it, the Hive service (the policies Lakegate enforces in Spark and Flink, with the same denial) or the
 * trino service (the policies of Trino's own Ranger plugin). A catalog no Ranger service governs is refused, as is
 * anything this control cannot name in Ranger's terms. Thread-safe.
 */
public final class LakegateRangerAccessControl implements SystemAccessControl {
    // Hive's access types on a url.
    private static final String READ = "read";
    private static final String WRITE = "write";

    private static final Logger log = LoggerFactory.getLogger(LakegateRangerAccessControl.class);
    private static final String REFUSED_EXPRESSION = "its expression has a backslash or a double quote, which Hive"
            + " and Trino read differently (the coordinator's log has it)";
    private static final String SYSTEM_CATALOG = "system";
    private static final String INFORMATION_SCHEMA = "information_schema";
    // Trino fills these with what the filter calls let through, and the queries table with what query visibility
    // lets through: reading them shows nothing the user may not see.
    private static final Set<String> FILTERED_SYSTEM_SCHEMAS = Set.of("jdbc", "metadata", INFORMATION_SCHEMA);
    private static final SchemaTableName RUNTIME_QUERIES = new SchemaTableName("runtime", "queries");
    // Where a table's data lives, by connector: Hive's external tables, Iceberg's and Delta's location.
    private static final List<String> LOCATION_PROPERTIES = List.of("external_location", "location");
    // Properties naming files or paths this control cannot check as Ranger urls (Iceberg's write.data.path in
    // extra_properties, Hive's Avro schema URL): Ranger's administrators only.
    private static final Set<String> UNCHECKED_PATH_PROPERTIES = Set.of("extra_properties");
    // Any other property naming a place (Hive's partition_projection_location_template, avro_schema_url, Iceberg's
    // data_location, ...): this control cannot tell whose files it points at.
    private static final Pattern PATH_LIKE_PROPERTY = Pattern.compile(".*(location|path|url|dir|template).*");
    // Catalog session properties that change what a write removes or where its files go, or how a read maps files'
    // columns to the table's (by position, a masked column's values can come under another's name).
    private static final Set<String> WRITE_SEMANTICS_PROPERTIES = Set.of(
            "insert_existing_partitions_behavior",
            "temporary_staging_directory_path",
            "parquet_use_column_names",
            "orc_use_column_names");
    // Trino runs a refresh's query with the refresher's filters and masks and serves what it stored to every reader of
    // the view: a user's view refreshed by someone who reads more would hold, for that user, what their masks hide.
    private static final String MATERIALIZED_VIEW_REFRESH = " (Trino fills a materialized view with what its"
            + " refresher may read and serves that to all its readers, past their filters and masks)";
    // Table procedures that rewrite or prune only the table's own files and history (Iceberg's, Delta's, Hive's).
    private static final Set<String> OWN_FILES_PROCEDURES = Set.of(
            "optimize",
            "optimize_manifests",
            "expire_snapshots",
            "remove_orphan_files",
            "drop_extended_stats",
            "vacuum");
    // Connectors' own functions (table_changes, table_files, ...) read tables without Trino's row filters and masks.
    private static final String CONNECTOR_FUNCTION_SCHEMA = "system";
    private static final String IMPERSONATE = "impersonate";
    private static final String LIST = "_any";
    private static final RangerResource SYSTEM_INFORMATION = RangerResource.of(Map.of("sysinfo", "*"));

    private final CatalogServices services;
    private final Set<String> impersonatingUsers;
    private final boolean createRequiresDrop;

    @Inject
    public LakegateRangerAccessControl(CatalogServices services, RangerBridgeConfig config) {
        this.services = requireNonNull(services, "services is null");
        this.impersonatingUsers =
                Set.copyOf(requireNonNull(config, "config is null").getImpersonatingUsers());
        this.createRequiresDrop = config.isCreateRequiresDrop();
    }

    // Identity

    @Override
    public void checkCanImpersonateUser(Identity identity, String userName) {
        if (impersonatingUsers.contains(identity.getUser())) {
            return;
        }
        String notListed = "user [" + identity.getUser() + "] is not in " + RangerBridgeConfig.IMPERSONATING_USERS;
        Optional<CatalogService> trino = services.trino();
        if (trino.isEmpty()) {
            denyImpersonateUser(identity.getUser(), userName, notListed);
            return;
        }
        AccessDecision decision = trino.get().authorize(identity, trinoUser(userName), IMPERSONATE);
        if (!decision.allowed()) {
            denyImpersonateUser(identity.getUser(), userName, notListed + ", and " + decision.denialMessage());
        }
    }

    /**
     * Trino 483 still asks this of every request, with the authenticated principal and the user it maps to
     * ({@code alice@EXAMPLE.COM} as {@code alice}): the mapping is Trino's authentication's to decide, and a user
     * other than the principal's own is {@link #checkCanImpersonateUser}'s.
     */
    @Override
    @SuppressWarnings("deprecation")
    public void checkCanSetUser(Optional<Principal> principal, String userName) {}

    // Queries and the system

    @Override
    public void checkCanExecuteQuery(Identity identity, QueryId queryId) {}

    @Override
    public void checkCanViewQueryOwnedBy(Identity identity, Identity queryOwner) {
        AccessDecision decision = queryOwner(identity, queryOwner);
        if (!decision.allowed()) {
            denyViewQuery(decision.denialMessage());
        }
    }

    @Override
    public Collection<Identity> filterViewQueryOwnedBy(Identity identity, Collection<Identity> queryOwners) {
        return queryOwners.stream()
                .filter(owner -> queryOwner(identity, owner).allowed())
                .toList();
    }

    @Override
    public void checkCanKillQueryOwnedBy(Identity identity, Identity queryOwner) {
        AccessDecision decision = queryOwner(identity, queryOwner);
        if (!decision.allowed()) {
            denyKillQuery(decision.denialMessage());
        }
    }

    // One's own queries; others' as Trino's plugin decides (impersonate on the owner), or as Ranger's administrator.
    private AccessDecision queryOwner(Identity identity, Identity queryOwner) {
        if (identity.getUser().equals(queryOwner.getUser())) {
            return new AccessDecision(true, AccessDecision.NO_POLICY, "", "");
        }
        return system(identity, trinoUser(queryOwner.getUser()), IMPERSONATE);
    }

    @Override
    public void checkCanReadSystemInformation(Identity identity) {
        AccessDecision decision = system(identity, SYSTEM_INFORMATION, "read_sysinfo");
        if (!decision.allowed()) {
            denyReadSystemInformationAccess(decision.denialMessage());
        }
    }

    @Override
    public void checkCanWriteSystemInformation(Identity identity) {
        AccessDecision decision = system(identity, SYSTEM_INFORMATION, "write_sysinfo");
        if (!decision.allowed()) {
            denyWriteSystemInformationAccess(decision.denialMessage());
        }
    }

    /** Trino's own settings: the trino service's {@code alter} on the {@code systemproperty}, else anyone's. */
    @Override
    public void checkCanSetSystemSessionProperty(Identity identity, QueryId queryId, String propertyName) {
        Optional<CatalogService> trino = services.trino();
        if (trino.isPresent()) {
            AccessDecision decision =
                    trino.get().authorize(identity, RangerResource.of(Map.of("systemproperty", propertyName)), "alter");
            if (!decision.allowed()) {
                AccessDeniedException.denySetSystemSessionProperty(propertyName, decision.denialMessage());
            }
        }
    }

    @Override
    public void checkCanSetCatalogSessionProperty(
            SystemSecurityContext context, String catalogName, String propertyName) {
        Consumer<String> deny = why -> denySetCatalogSessionProperty(catalogName, propertyName, why);
        CatalogService service = governing(catalogName, deny);
        if (service.model() == PolicyModel.TRINO) {
            require(
                    context,
                    service,
                    RangerResource.of(trinoElements("catalog", catalogName, "sessionproperty", propertyName)),
                    "alter",
                    deny);
        }
        // An INSERT that overwrites partitions deletes the rows in them a row filter hides from the writer.
        if (WRITE_SEMANTICS_PROPERTIES.contains(propertyName)) {
            requireAdministrator(service, context.getIdentity(), deny);
        }
    }

    // Catalogs

    @Override
    public boolean canAccessCatalog(SystemSecurityContext context, String catalogName) {
        if (catalogName.equals(SYSTEM_CATALOG)) {
            return true;
        }
        Optional<CatalogService> service = services.governing(catalogName);
        if (service.isEmpty()) {
            return false;
        }
        // The Hive service has no catalogs: a governed catalog is its databases. Trino's: some privilege in it.
        return service.get().model() == PolicyModel.HIVE
                || service.get()
                        .listing(service.get().identify(context.getIdentity()), LIST)
                        .allows(
                                new Listed(catalogName, Scope.CATALOG),
                                () -> RangerResource.of(Map.of("catalog", catalogName)));
    }

    @Override
    public void checkCanCreateCatalog(SystemSecurityContext context, String catalog) {
        // A new catalog over a governed metastore would be a way around every policy, and under a trino service's *
        // it would be that service's: the administrators of every service.
        requireEveryAdministrator(context.getIdentity(), why -> denyCreateCatalog(catalog, why));
    }

    @Override
    public void checkCanDropCatalog(SystemSecurityContext context, String catalog) {
        requireEveryAdministrator(context.getIdentity(), why -> denyDropCatalog(catalog, why));
    }

    @Override
    public Set<String> filterCatalogs(SystemSecurityContext context, Set<String> catalogs) {
        return catalogs.stream()
                .filter(catalog -> canAccessCatalog(context, catalog))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    // Schemas

    @Override
    public void checkCanCreateSchema(
            SystemSecurityContext context, CatalogSchemaName schema, Map<String, Object> properties) {
        requireOnSchema(context, schema, Operation.CREATE, why -> denyCreateSchema(schema.toString(), why));
        requireLocation(context, schema.getCatalogName(), properties, why -> denyCreateSchema(schema.toString(), why));
    }

    @Override
    public void checkCanDropSchema(SystemSecurityContext context, CatalogSchemaName schema) {
        requireOnSchema(context, schema, Operation.DROP, why -> denyDropSchema(schema.toString(), why));
    }

    @Override
    public void checkCanRenameSchema(SystemSecurityContext context, CatalogSchemaName schema, String newSchemaName) {
        requireOnSchema(
                context, schema, Operation.ALTER, why -> denyRenameSchema(schema.toString(), newSchemaName, why));
        requireOnSchema(
                context,
                new CatalogSchemaName(schema.getCatalogName(), newSchemaName),
                Operation.RENAME_TARGET,
                why -> denyRenameSchema(schema.toString(), newSchemaName, why));
    }

    @Override
    public void checkCanShowSchemas(SystemSecurityContext context, String catalogName) {
        requireCatalog(catalogName, why -> AccessDeniedException.denyShowSchemas(why));
    }

    @Override
    public Set<String> filterSchemas(SystemSecurityContext context, String catalogName, Set<String> schemaNames) {
        return listed(
                context,
                catalogName,
                Scope.SCHEMAS,
                schemaNames,
                INFORMATION_SCHEMA::equals,
                (model, schema) -> model.schema(catalogName, schema));
    }

    @Override
    public void checkCanShowCreateSchema(SystemSecurityContext context, CatalogSchemaName schema) {
        requireOnSchema(context, schema, Operation.LIST, why -> denyShowCreateSchema(schema.toString(), why));
    }

    // Tables

    @Override
    public void checkCanShowCreateTable(SystemSecurityContext context, CatalogSchemaTableName table) {
        requireOnTable(context, table, Operation.SHOW_CREATE, why -> denyShowCreateTable(table.toString(), why));
    }

    @Override
    public void checkCanCreateTable(
            SystemSecurityContext context, CatalogSchemaTableName table, Map<String, Object> properties) {
        // Trino does not tell whether the statement is CREATE OR REPLACE: a replace drops what is there.
        requireOnTable(context, table, Operation.CREATE, why -> denyCreateTable(table.toString(), why));
        requireDropForReplace(context, table, why -> denyCreateTable(table.toString(), why));
        requireLocation(context, table.getCatalogName(), properties, why -> denyCreateTable(table.toString(), why));
    }

    @Override
    public void checkCanDropTable(SystemSecurityContext context, CatalogSchemaTableName table) {
        requireOnTable(context, table, Operation.DROP, why -> denyDropTable(table.toString(), why));
    }

    @Override
    public void checkCanRenameTable(
            SystemSecurityContext context, CatalogSchemaTableName table, CatalogSchemaTableName newTable) {
        requireOnTable(
                context, table, Operation.ALTER, why -> denyRenameTable(table.toString(), newTable.toString(), why));
        requireOnTable(
                context,
                newTable,
                Operation.RENAME_TARGET,
                why -> denyRenameTable(table.toString(), newTable.toString(), why));
    }

    @Override
    public void checkCanSetTableProperties(
            SystemSecurityContext context, CatalogSchemaTableName table, Map<String, Optional<Object>> properties) {
        requireOnTable(context, table, Operation.ALTER, why -> denySetTableProperties(table.toString(), why));
        requireLocation(
                context,
                table.getCatalogName(),
                setValues(properties),
                why -> denySetTableProperties(table.toString(), why));
    }

    @Override
    public void checkCanSetTableComment(SystemSecurityContext context, CatalogSchemaTableName table) {
        requireOnTable(context, table, Operation.ALTER, why -> denyCommentTable(table.toString(), why));
    }

    @Override
    public void checkCanSetViewComment(SystemSecurityContext context, CatalogSchemaTableName view) {
        requireOnTable(context, view, Operation.ALTER, why -> denyCommentView(view.toString(), why));
    }

    @Override
    public void checkCanSetColumnComment(SystemSecurityContext context, CatalogSchemaTableName table) {
        requireOnTable(context, table, Operation.ALTER, why -> denyCommentColumn(table.toString(), why));
    }

    @Override
    public void checkCanShowTables(SystemSecurityContext context, CatalogSchemaName schema) {
        requireCatalog(schema.getCatalogName(), why -> AccessDeniedException.denyShowTables(schema.toString(), why));
    }

    @Override
    public Set<SchemaTableName> filterTables(
            SystemSecurityContext context, String catalogName, Set<SchemaTableName> tableNames) {
        return listed(
                context,
                catalogName,
                Scope.TABLES,
                tableNames,
                table -> table.getSchemaName().equals(INFORMATION_SCHEMA),
                (model, table) -> model.table(catalogName, table.getSchemaName(), table.getTableName()));
    }

    @Override
    public void checkCanShowColumns(SystemSecurityContext context, CatalogSchemaTableName table) {
        requireOnTable(context, table, Operation.LIST, why -> denyShowColumns(table.toString(), why));
    }

    @Override
    public Map<SchemaTableName, Set<String>> filterColumns(
            SystemSecurityContext context, String catalogName, Map<SchemaTableName, Set<String>> tableColumns) {
        Map<SchemaTableName, Set<String>> visible = new LinkedHashMap<>();
        Optional<CatalogService> service =
                catalogName.equals(SYSTEM_CATALOG) ? Optional.empty() : services.governing(catalogName);
        if (service.isPresent()) {
            Listing listing = service.get()
                    .listing(
                            service.get().identify(context.getIdentity()),
                            service.get().model().accessType(Operation.SELECT));
            tableColumns.forEach((table, columns) ->
                    visible.put(table, visibleColumns(service.get().model(), listing, catalogName, table, columns)));
            return visible;
        }
        // Trino's own tables show all their columns; an ungoverned catalog's tables none.
        boolean all = catalogName.equals(SYSTEM_CATALOG);
        tableColumns.forEach((table, columns) -> visible.put(table, all ? columns : Set.of()));
        return visible;
    }

    @Override
    public void checkCanAddColumn(SystemSecurityContext context, CatalogSchemaTableName table) {
        requireOnTable(context, table, Operation.ALTER, why -> denyAddColumn(table.toString(), why));
    }

    @Override
    public void checkCanAlterColumn(SystemSecurityContext context, CatalogSchemaTableName table) {
        requireOnTable(context, table, Operation.ALTER, why -> denyAlterColumn(table.toString(), why));
    }

    @Override
    public void checkCanDropColumn(SystemSecurityContext context, CatalogSchemaTableName table) {
        requireOnTable(context, table, Operation.ALTER, why -> denyDropColumn(table.toString(), why));
    }

    @Override
    public void checkCanRenameColumn(SystemSecurityContext context, CatalogSchemaTableName table) {
        requireOnTable(context, table, Operation.ALTER, why -> denyRenameColumn(table.toString(), why));
    }

    @Override
    public void checkCanSelectFromColumns(
            SystemSecurityContext context, CatalogSchemaTableName table, Optional<String> branch, Set<String> columns) {
        requireSelect(context, table, columns, why -> {
            if (columns.isEmpty()) {
                denySelectTable(table.toString(), branch, why);
            }
            denySelectColumns(table.toString(), branch, columns, why);
        });
    }

    @Override
    public void checkCanInsertIntoTable(
            SystemSecurityContext context, CatalogSchemaTableName table, Optional<String> branch) {
        requireOnTable(context, table, Operation.INSERT, why -> denyInsertTable(table.toString(), why));
    }

    @Override
    public void checkCanDeleteFromTable(
            SystemSecurityContext context, CatalogSchemaTableName table, Optional<String> branch) {
        requireOnTable(context, table, Operation.DELETE, why -> denyDeleteTable(table.toString(), why));
    }

    @Override
    public void checkCanTruncateTable(SystemSecurityContext context, CatalogSchemaTableName table) {
        requireOnTable(context, table, Operation.TRUNCATE, why -> denyTruncateTable(table.toString(), why));
        // Unlike DELETE, TRUNCATE applies no row filter: it would remove the rows the filter hides from the user.
        CatalogService service = governing(table.getCatalogName(), why -> denyTruncateTable(table.toString(), why));
        if (service.protection(service.identify(context.getIdentity()), tableResource(service, table), List.of())
                .rowFilter()
                .isPresent()) {
            denyTruncateTable(
                    table.toString(),
                    "user [" + context.getIdentity().getUser() + "] reads " + table.getSchemaTableName()
                            + " through a row filter, and TRUNCATE would remove the rows it hides");
        }
    }

    @Override
    public void checkCanUpdateTableColumns(
            SystemSecurityContext context,
            CatalogSchemaTableName table,
            Optional<String> branch,
            Set<String> updatedColumnNames) {
        requireOnTable(
                context,
                table,
                Operation.UPDATE,
                why -> denyUpdateTableColumns(table.toString(), branch, updatedColumnNames, why));
    }

    // Views

    @Override
    public void checkCanCreateView(SystemSecurityContext context, CatalogSchemaTableName view) {
        requireOnTable(context, view, Operation.CREATE, why -> denyCreateView(view.toString(), why));
        requireDropForReplace(context, view, why -> denyCreateView(view.toString(), why));
    }

    @Override
    public void checkCanRenameView(
            SystemSecurityContext context, CatalogSchemaTableName view, CatalogSchemaTableName newView) {
        requireOnTable(context, view, Operation.ALTER, why -> denyRenameView(view.toString(), newView.toString(), why));
        requireOnTable(
                context,
                newView,
                Operation.RENAME_TARGET,
                why -> denyRenameView(view.toString(), newView.toString(), why));
    }

    @Override
    public void checkCanRefreshView(SystemSecurityContext context, CatalogSchemaTableName view) {
        requireOnTable(context, view, Operation.ALTER, why -> denyRefreshView(view.toString(), why));
    }

    @Override
    public void checkCanDropView(SystemSecurityContext context, CatalogSchemaTableName view) {
        requireOnTable(context, view, Operation.DROP, why -> denyDropView(view.toString(), why));
    }

    /**
     * A view that reads with its owner's rights (SECURITY DEFINER) lets its readers see what the owner may: Trino asks
     * this of the owner, when the view is created and each time it is read.
     */
    @Override
    public void checkCanCreateViewWithSelectFromColumns(
            SystemSecurityContext context, CatalogSchemaTableName table, Optional<String> branch, Set<String> columns) {
        requireSelect(
                context,
                table,
                columns,
                why -> AccessDeniedException.denyCreateViewWithSelect(
                        table.toString(), branch, context.getIdentity().toConnectorIdentity(), why));
    }

    // Materialized views

    @Override
    public void checkCanCreateMaterializedView(
            SystemSecurityContext context, CatalogSchemaTableName view, Map<String, Object> properties) {
        requireOnTable(context, view, Operation.CREATE, why -> denyCreateMaterializedView(view.toString(), why));
        requireDropForReplace(context, view, why -> denyCreateMaterializedView(view.toString(), why));
        requireLocation(
                context, view.getCatalogName(), properties, why -> denyCreateMaterializedView(view.toString(), why));
        requireAdministrator(
                context.getIdentity(),
                view.getCatalogName(),
                why -> denyCreateMaterializedView(view.toString(), why + MATERIALIZED_VIEW_REFRESH));
    }

    @Override
    public void checkCanRefreshMaterializedView(SystemSecurityContext context, CatalogSchemaTableName view) {
        requireOnTable(context, view, Operation.REFRESH, why -> denyRefreshMaterializedView(view.toString(), why));
        requireAdministrator(
                context.getIdentity(),
                view.getCatalogName(),
                why -> denyRefreshMaterializedView(view.toString(), why + MATERIALIZED_VIEW_REFRESH));
    }

    @Override
    public void checkCanSetMaterializedViewProperties(
            SystemSecurityContext context, CatalogSchemaTableName view, Map<String, Optional<Object>> properties) {
        requireOnTable(context, view, Operation.ALTER, why -> denySetMaterializedViewProperties(view.toString(), why));
        requireLocation(
                context,
                view.getCatalogName(),
                setValues(properties),
                why -> denySetMaterializedViewProperties(view.toString(), why));
    }

    @Override
    public void checkCanDropMaterializedView(SystemSecurityContext context, CatalogSchemaTableName view) {
        requireOnTable(context, view, Operation.DROP, why -> denyDropMaterializedView(view.toString(), why));
    }

    @Override
    public void checkCanRenameMaterializedView(
            SystemSecurityContext context, CatalogSchemaTableName view, CatalogSchemaTableName newView) {
        requireOnTable(
                context,
                view,
                Operation.ALTER,
                why -> denyRenameMaterializedView(view.toString(), newView.toString(), why));
        requireOnTable(
                context,
                newView,
                Operation.RENAME_TARGET,
                why -> denyRenameMaterializedView(view.toString(), newView.toString(), why));
    }

    // Owners

    /**
     * {@code ALTER SCHEMA|TABLE|VIEW|MATERIALIZED VIEW ... SET AUTHORIZATION}: {@code alter} on the object, and only to
     * oneself unless Ranger's administrator (see {@link #requireOwnerChange}). Other kinds are refused.
     */
    @Override
    public void checkCanSetEntityAuthorization(
            SystemSecurityContext context, EntityKindAndName entity, TrinoPrincipal principal) {
        String kind = entity.entityKind().toUpperCase(Locale.ENGLISH);
        List<String> name = entity.name();
        Consumer<String> deny = why -> denySetEntityAuthorization(entity, principal, why);
        if (kind.equals("SCHEMA") && name.size() == 2) {
            requireOnSchema(context, new CatalogSchemaName(name.get(0), name.get(1)), Operation.ALTER, deny);
        } else if (Set.of("TABLE", "VIEW", "MATERIALIZED VIEW").contains(kind) && name.size() == 3) {
            requireOnTable(
                    context, new CatalogSchemaTableName(name.get(0), name.get(1), name.get(2)), Operation.ALTER, deny);
        } else {
            deny.accept("[" + entity.entityKind() + "] is no kind of object a Ranger service of this control has");
            return;
        }
        requireOwnerChange(context, name.get(0), principal, deny);
    }

    // Branches (Iceberg)

    @Override
    public void checkCanShowBranches(SystemSecurityContext context, CatalogSchemaTableName table) {
        requireOnTable(context, table, Operation.SELECT, why -> denyShowBranches(table.toString(), why));
    }

    @Override
    public void checkCanCreateBranch(SystemSecurityContext context, CatalogSchemaTableName table, String branch) {
        requireOnTable(context, table, Operation.ALTER, why -> denyCreateBranch(table.toString(), why));
    }

    @Override
    public void checkCanDropBranch(SystemSecurityContext context, CatalogSchemaTableName table, String branch) {
        requireOnTable(context, table, Operation.ALTER, why -> denyDropBranch(table.toString(), why));
    }

    @Override
    public void checkCanFastForwardBranch(
            SystemSecurityContext context, CatalogSchemaTableName table, String sourceBranch, String targetBranch) {
        requireOnTable(context, table, Operation.ALTER, why -> denyFastForwardBranch(table.toString(), why));
    }

    // Procedures and functions

    /**
     * Procedures rewrite a table's files and history, register other files as a table's or move a table to another
     * connector, in ways no table privilege describes: Ranger's administrators only, as in Spark (in a trino-service
     * catalog, with {@code execute} on the procedure too, as Trino's own plugin asks).
     */
    @Override
    public void checkCanExecuteProcedure(SystemSecurityContext context, CatalogSchemaRoutineName procedure) {
        Consumer<String> deny = why -> denyExecuteProcedure(procedure.toString(), why);
        if (procedure.getCatalogName().equals(SYSTEM_CATALOG)) {
            // system.runtime.kill_query and the like: Trino asks the kill of the query's owner too.
            requireSystemAdministrator(context.getIdentity(), deny);
            return;
        }
        CatalogService service = governing(procedure.getCatalogName(), deny);
        requireAdministrator(service, context.getIdentity(), deny);
        if (service.model() == PolicyModel.TRINO) {
            require(
                    context,
                    service,
                    RangerResource.of(trinoElements(
                            "catalog",
                            procedure.getCatalogName(),
                            "schema",
                            procedure.getSchemaName(),
                            "procedure",
                            procedure.getRoutineName())),
                    "execute",
                    deny);
        }
    }

    @Override
    public void checkCanExecuteTableProcedure(
            SystemSecurityContext context, CatalogSchemaTableName table, String procedure) {
        Consumer<String> deny = why -> denyExecuteTableProcedure(table.toString(), procedure + ": " + why);
        CatalogService service = governing(table.getCatalogName(), deny);
        if (service.model() == PolicyModel.TRINO
                && OWN_FILES_PROCEDURES.contains(procedure.toLowerCase(Locale.ENGLISH))) {
            // As Trino's own plugin: alter on the table, for what rewrites or prunes only the table's own files.
            requireOnTable(context, table, Operation.ALTER, deny);
            return;
        }
        // add_files reads another place's files into the table, add_files_from_table another table's, unmasked.
        requireAdministrator(service, context.getIdentity(), deny);
    }

    @Override
    public boolean canExecuteFunction(SystemSecurityContext context, CatalogSchemaRoutineName function) {
        // Trino's own functions (system.builtin, and the table functions of the system catalog).
        if (function.getCatalogName().equals(SYSTEM_CATALOG)) {
            return true;
        }
        Optional<CatalogService> service = services.governing(function.getCatalogName());
        if (service.isEmpty()) {
            return false;
        }
        if (function.getSchemaName().equals(CONNECTOR_FUNCTION_SCHEMA)) {
            return service.get().administrator(context.getIdentity()).allowed();
        }
        PolicyModel model = service.get().model();
        return service.get()
                .authorize(
                        context.getIdentity(),
                        model.function(function.getCatalogName(), function.getSchemaName(), function.getRoutineName()),
                        model.accessType(Operation.EXECUTE_FUNCTION))
                .allowed();
    }

    @Override
    public boolean canCreateViewWithExecuteFunction(SystemSecurityContext context, CatalogSchemaRoutineName function) {
        return canExecuteFunction(context, function);
    }

    @Override
    public void checkCanShowFunctions(SystemSecurityContext context, CatalogSchemaName schema) {
        requireCatalog(schema.getCatalogName(), why -> AccessDeniedException.denyShowFunctions(schema.toString(), why));
    }

    @Override
    public Set<SchemaFunctionName> filterFunctions(
            SystemSecurityContext context, String catalogName, Set<SchemaFunctionName> functionNames) {
        return listed(
                context,
                catalogName,
                Scope.FUNCTIONS,
                functionNames,
                function -> false,
                (model, function) -> model.function(catalogName, function.schemaName(), function.functionName()));
    }

    @Override
    public void checkCanCreateFunction(SystemSecurityContext context, CatalogSchemaRoutineName function) {
        requireOnFunction(context, function, Operation.CREATE, why -> denyCreateFunction(function.toString(), why));
    }

    @Override
    public void checkCanDropFunction(SystemSecurityContext context, CatalogSchemaRoutineName function) {
        requireOnFunction(context, function, Operation.DROP, why -> denyDropFunction(function.toString(), why));
    }

    @Override
    public void checkCanShowCreateFunction(SystemSecurityContext context, CatalogSchemaRoutineName function) {
        requireOnFunction(context, function, Operation.LIST, why -> denyShowCreateFunction(function.toString(), why));
    }

    // Row filters and column masks

    @Override
    public List<ViewExpression> getRowFilters(SystemSecurityContext context, CatalogSchemaTableName table) {
        Optional<CatalogService> service = services.governing(table.getCatalogName());
        if (service.isEmpty() || isFilteredMetadata(table)) {
            return List.of();
        }
        TableProtection protection = service.get()
                .protection(
                        service.get().identify(context.getIdentity()), tableResource(service.get(), table), List.of());
        PolicyModel model = service.get().model();
        return protection
                .rowFilter()
                .map(filter -> List.of(expression(table, rowFilterSql(model, table, filter))))
                .orElse(List.of());
    }

    @Override
    public Map<ColumnSchema, ViewExpression> getColumnMasks(
            SystemSecurityContext context, CatalogSchemaTableName table, List<ColumnSchema> columns) {
        Optional<CatalogService> service = services.governing(table.getCatalogName());
        if (service.isEmpty() || isFilteredMetadata(table)) {
            return Map.of();
        }
        PolicyModel model = service.get().model();
        List<String> names = columns.stream().map(ColumnSchema::getName).toList();
        UserIdentity user = service.get().identify(context.getIdentity());
        TableProtection protection = service.get().protection(user, tableResource(service.get(), table), names);
        Listing selectable = service.get().listing(user, model.accessType(Operation.SELECT));
        SchemaTableName name = table.getSchemaTableName();
        Set<String> visibleNames = columns.stream()
                .filter(column -> !column.isHidden())
                .map(ColumnSchema::getName)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        boolean restricted = !protection.masks().isEmpty()
                || !visibleColumns(model, selectable, table.getCatalogName(), name, visibleNames)
                        .equals(visibleNames);
        Map<ColumnSchema, ViewExpression> masks = new LinkedHashMap<>();
        for (ColumnSchema column : columns) {
            if (column.isHidden() && restricted) {
                // $path, $partition, ...: a partition value of a masked column, or of one the user may not select,
                // shows in the file's path.
                masks.put(
                        column,
                        expression(
                                table,
                                marked(
                                        HIDDEN_COLUMN_MASK,
                                        "CAST(NULL AS " + column.getType().getDisplayName() + ")")));
                continue;
            }
            ColumnMask mask = protection.masks().get(column.getName());
            if (mask != null) {
                masks.put(column, expression(table, marked(mask.maskType(), maskSql(model, mask, column))));
            }
        }
        return masks;
    }

    private static String rowFilterSql(PolicyModel model, CatalogSchemaTableName table, RowFilter filter) {
        try {
            return model.policySql(filter.expression());
        } catch (IllegalArgumentException e) {
            log.warn("Row-filter policy {} on {}: {}", filter.policyId(), table, e.getMessage());
            throw new AccessDeniedException("Ranger row-filter policy [" + filter.policyId() + "] on "
                    + table.getSchemaTableName() + " cannot apply in Trino: " + REFUSED_EXPRESSION);
        }
    }

    /**
     * A mask this control cannot render (a type Ranger's Hive service does not define, an expression Hive and Trino
     * read differently) fails, with its reason, every query that reads the column, and only those: never the value
     * unmasked.
     */
    private static String maskSql(PolicyModel model, ColumnMask mask, ColumnSchema column) {
        try {
            return TrinoMasks.sql(
                    model.maskSpec(mask),
                    quoted(column.getName()),
                    column.getType(),
                    mask.condition(),
                    model::policySql);
        } catch (UnsupportedMaskException | IllegalArgumentException e) {
            // The policy's text goes to the log, not to the user it masks.
            log.warn("Data-mask policy {} on column {}: {}", mask.policyId(), column.getName(), e.getMessage());
            String why = e instanceof UnsupportedMaskException
                    ? "its mask type [" + mask.maskType() + "] has no Trino rendering"
                    : REFUSED_EXPRESSION;
            String message = "Ranger data-mask policy [" + mask.policyId() + "] on column " + column.getName()
                    + " cannot apply in Trino: " + why;
            return "CAST(fail('" + message.replace("'", "''") + "') AS "
                    + column.getType().getDisplayName() + ")";
        }
    }

    @Override
    public void shutdown() {
        services.close();
    }

    // The checks

    private void requireSelect(
            SystemSecurityContext context, CatalogSchemaTableName table, Set<String> columns, Consumer<String> deny) {
        if (table.getCatalogName().equals(SYSTEM_CATALOG)) {
            SchemaTableName name = table.getSchemaTableName();
            if (!FILTERED_SYSTEM_SCHEMAS.contains(name.getSchemaName()) && !name.equals(RUNTIME_QUERIES)) {
                requireSystemAdministrator(context.getIdentity(), deny);
            }
            return;
        }
        CatalogService service = governing(table.getCatalogName(), deny);
        if (isFilteredMetadata(table)) {
            return;
        }
        if (isMetadataTable(table)) {
            // $partitions, $files, $snapshots, ... show partition values and column bounds that the base table's row
            // filters and masks would hide, and Trino does not tell an access control which columns the base table
            // has, so their masks cannot be checked: Ranger's administrators only.
            requireAdministrator(
                    service,
                    context.getIdentity(),
                    why -> deny.accept(
                            why + " (metadata table of " + baseTable(table).getSchemaTableName() + ")"));
            return;
        }
        UserIdentity user = service.identify(context.getIdentity());
        RangerResource resource = tableResource(service, table);
        String select = service.model().accessType(Operation.SELECT);
        // Trino hands a set: in name order, so that the same query is denied in the same words each time.
        List<String> names = columns.stream().sorted().toList();
        List<AccessDecision> decisions = service.authorizeColumns(user, resource, names, select);
        if (names.isEmpty()) {
            // count(*), or a table read for none of its columns: select on the table itself.
            if (!decisions.get(0).allowed()) {
                deny.accept(decisions.get(0).denialMessage());
            }
            return;
        }
        List<String> denied = new ArrayList<>();
        String reason = "";
        for (int i = 0; i < decisions.size(); i++) {
            if (!decisions.get(i).allowed()) {
                denied.add(names.get(i));
                reason = decisions.get(i).reason();
            }
        }
        if (!denied.isEmpty()) {
            // As the Spark plugin words it: the denied columns of one table in one resource.
            deny.accept(AccessDecision.permissionDenied(
                    user.user(),
                    List.of(new AccessDecision.Denial(select, resource.path() + "/" + String.join(",", denied))),
                    reason));
        }
    }

    private void requireOnTable(
            SystemSecurityContext context, CatalogSchemaTableName table, Operation operation, Consumer<String> deny) {
        if (table.getCatalogName().equals(SYSTEM_CATALOG)) {
            // Trino's own tables: described to whoever may read them, changed by nobody but Ranger's administrators.
            boolean readable =
                    FILTERED_SYSTEM_SCHEMAS.contains(table.getSchemaTableName().getSchemaName())
                            || table.getSchemaTableName().equals(RUNTIME_QUERIES);
            if (!((operation == Operation.LIST || operation == Operation.SELECT) && readable)) {
                requireSystemAdministrator(context.getIdentity(), deny);
            }
            return;
        }
        CatalogService service = governing(table.getCatalogName(), deny);
        if (isMetadataTable(table) || table.getSchemaTableName().getSchemaName().equals(INFORMATION_SCHEMA)) {
            deny.accept("[" + table.getSchemaTableName() + "] is Trino's, not a table of the Ranger service");
            return;
        }
        require(context, service, tableResource(service, table), service.model().accessType(operation), deny);
    }

    // Trino does not tell an access control whether a CREATE is CREATE OR REPLACE, which drops what is there.
    private void requireDropForReplace(
            SystemSecurityContext context, CatalogSchemaTableName object, Consumer<String> deny) {
        if (createRequiresDrop) {
            requireOnTable(
                    context,
                    object,
                    Operation.DROP,
                    why -> deny.accept(why + " (a CREATE may be CREATE OR REPLACE, which Trino does not tell apart: "
                            + RangerBridgeConfig.CREATE_REQUIRES_DROP + ")"));
        }
    }

    private void requireOnSchema(
            SystemSecurityContext context, CatalogSchemaName schema, Operation operation, Consumer<String> deny) {
        CatalogService service = governing(schema.getCatalogName(), deny);
        require(
                context,
                service,
                service.model().schema(schema.getCatalogName(), schema.getSchemaName()),
                service.model().accessType(operation),
                deny);
    }

    private void requireOnFunction(
            SystemSecurityContext context,
            CatalogSchemaRoutineName function,
            Operation operation,
            Consumer<String> deny) {
        CatalogService service = governing(function.getCatalogName(), deny);
        require(
                context,
                service,
                service.model()
                        .function(function.getCatalogName(), function.getSchemaName(), function.getRoutineName()),
                service.model().accessType(operation),
                deny);
    }

    private static void require(
            SystemSecurityContext context,
            CatalogService service,
            RangerResource resource,
            String accessType,
            Consumer<String> deny) {
        AccessDecision decision = service.authorize(context.getIdentity(), resource, accessType);
        if (!decision.allowed()) {
            deny.accept(decision.denialMessage());
        }
    }

    /** The service governing {@code catalog}; {@code deny} (which throws) for one no service governs. */
    private CatalogService governing(String catalog, Consumer<String> deny) {
        Optional<CatalogService> service = services.governing(catalog);
        if (service.isEmpty()) {
            deny.accept(ungoverned(catalog));
            throw new AccessDeniedException(ungoverned(catalog));
        }
        return service.get();
    }

    // Where a table's files are is part of what a statement does to them: into another table's, they become its rows.
    private void requireLocation(
            SystemSecurityContext context, String catalog, Map<String, Object> properties, Consumer<String> deny) {
        CatalogService service = governing(catalog, deny);
        // The trino service has no url resource: there, a location is for its administrators.
        boolean urls = service.model() == PolicyModel.HIVE;
        for (String property : properties.keySet()) {
            boolean unchecked = UNCHECKED_PATH_PROPERTIES.contains(property)
                    || (PATH_LIKE_PROPERTY.matcher(property).matches()
                            && !(urls && LOCATION_PROPERTIES.contains(property)));
            if (unchecked) {
                requireAdministrator(
                        service, context.getIdentity(), why -> deny.accept(why + " (to set " + property + ")"));
            }
        }
        if (!urls) {
            return;
        }
        for (String property : LOCATION_PROPERTIES) {
            Object location = properties.get(property);
            if (location != null) {
                RangerResource url = RangerResource.url(location.toString());
                require(context, service, url, READ, deny);
                require(context, service, url, WRITE, deny);
            }
        }
    }

    /**
     * Giving an object to someone else makes a SECURITY DEFINER view of it read with their rights: only to oneself,
     * unless Ranger's administrator.
     */
    private void requireOwnerChange(
            SystemSecurityContext context, String catalog, TrinoPrincipal principal, Consumer<String> deny) {
        Identity identity = context.getIdentity();
        boolean toSelf =
                principal.getType() == PrincipalType.USER && principal.getName().equals(identity.getUser());
        if (!toSelf) {
            requireAdministrator(
                    identity, catalog, why -> deny.accept(why + " (to give an object to " + principal + ")"));
        }
    }

    private static Set<String> visibleColumns(
            PolicyModel model, Listing listing, String catalog, SchemaTableName table, Set<String> columns) {
        if (table.getSchemaName().equals(INFORMATION_SCHEMA)) {
            return columns;
        }
        if (isMetadataTable(table)) {
            return Set.of();
        }
        return listing.filter(
                scope(model, catalog, table),
                columns,
                column -> model.column(catalog, table.getSchemaName(), table.getTableName(), column));
    }

    /**
     * The {@code keys} of {@code scope} in {@code catalog} the user may see, in one pass over the user's listing
     * decisions (evaluated once per policy version): all of Trino's own catalog, none of one no service governs, and in
     * a governed one those Ranger allows and those {@code trinos} (Trino fills them with what the filter calls let
     * through).
     */
    private <K> Set<K> listed(
            SystemSecurityContext context,
            String catalog,
            Scope scope,
            Set<K> keys,
            Predicate<K> trinos,
            BiFunction<PolicyModel, K, RangerResource> resource) {
        if (catalog.equals(SYSTEM_CATALOG)) {
            return keys;
        }
        Optional<CatalogService> service = services.governing(catalog);
        if (service.isEmpty()) {
            return Set.of();
        }
        PolicyModel model = service.get().model();
        Set<K> allowed = service.get()
                .listing(service.get().identify(context.getIdentity()), LIST)
                .filter(scope(model, catalog, scope), keys, key -> resource.apply(model, key));
        Set<K> own = keys.stream().filter(trinos).collect(Collectors.toCollection(LinkedHashSet::new));
        if (allowed.containsAll(own)) {
            return allowed;
        }
        Set<K> all = new LinkedHashSet<>(allowed);
        all.addAll(own);
        return all;
    }

    /** What a listing's keys name: a catalog, its schemas, tables or functions (or, by the table, its columns). */
    private enum Scope {
        CATALOG,
        SCHEMAS,
        TABLES,
        FUNCTIONS
    }

    /** A scope in a trino service's listing, whose decisions differ by catalog. */
    private record Listed(String catalog, Object scope) {}

    // The Hive service has no catalogs: the same decision serves every catalog, and the scope needs none.
    private static Object scope(PolicyModel model, String catalog, Object scope) {
        return model == PolicyModel.HIVE ? scope : new Listed(catalog, scope);
    }

    private static RangerResource tableResource(CatalogService service, CatalogSchemaTableName table) {
        return service.model()
                .table(
                        table.getCatalogName(),
                        table.getSchemaTableName().getSchemaName(),
                        table.getSchemaTableName().getTableName());
    }

    // One decision for both the answer and the denial's words.
    private static void requireAdministrator(CatalogService service, Identity identity, Consumer<String> deny) {
        AccessDecision decision = service.administrator(identity);
        if (!decision.allowed()) {
            deny.accept(decision.denialMessage());
        }
    }

    private void requireAdministrator(Identity identity, String catalog, Consumer<String> deny) {
        requireAdministrator(governing(catalog, deny), identity, deny);
    }

    private void requireSystemAdministrator(Identity identity, Consumer<String> deny) {
        requireAdministrator(services.system(), identity, deny);
    }

    private void requireEveryAdministrator(Identity identity, Consumer<String> deny) {
        for (CatalogService service : services.all()) {
            requireAdministrator(service, identity, deny);
        }
    }

    // Trino's own system catalog is no service's: its listings show what the filter calls let through.
    private void requireCatalog(String catalog, Consumer<String> deny) {
        if (!catalog.equals(SYSTEM_CATALOG)) {
            governing(catalog, deny);
        }
    }

    /**
     * A check on Trino itself: on the trino service's {@code resource}, as Trino's own plugin asks it, where that
     * service is configured; otherwise for the Hive service's administrators.
     */
    private AccessDecision system(Identity identity, RangerResource resource, String accessType) {
        return services.trino()
                .map(trino -> trino.authorize(identity, resource, accessType))
                .orElseGet(() -> services.system().administrator(identity));
    }

    private static RangerResource trinoUser(String user) {
        return RangerResource.of(Map.of("trinouser", user));
    }

    private static Map<String, String> trinoElements(String... typesAndValues) {
        Map<String, String> elements = new LinkedHashMap<>();
        for (int i = 0; i < typesAndValues.length; i += 2) {
            elements.put(typesAndValues[i], typesAndValues[i + 1]);
        }
        return elements;
    }

    private String ungoverned(String catalog) {
        return "catalog [" + catalog + "] is governed by no Ranger service (" + services.describe() + ")";
    }

    // ALTER ... SET PROPERTIES: the properties given a value (an empty one resets to the default).
    private static Map<String, Object> setValues(Map<String, Optional<Object>> properties) {
        Map<String, Object> set = new HashMap<>();
        properties.forEach((name, value) -> value.ifPresent(present -> set.put(name, present)));
        return set;
    }

    private static boolean isFilteredMetadata(CatalogSchemaTableName table) {
        return table.getSchemaTableName().getSchemaName().equals(INFORMATION_SCHEMA);
    }

    private static boolean isMetadataTable(CatalogSchemaTableName table) {
        return isMetadataTable(table.getSchemaTableName());
    }

    private static boolean isMetadataTable(SchemaTableName table) {
        return table.getTableName().contains("$");
    }

    private static CatalogSchemaTableName baseTable(CatalogSchemaTableName table) {
        String name = table.getSchemaTableName().getTableName();
        return new CatalogSchemaTableName(
                table.getCatalogName(),
                table.getSchemaTableName().getSchemaName(),
                name.substring(0, name.indexOf('$')));
    }

    /**
     * A mask's SQL labelled with Ranger's mask type, for Lakegate's lineage listener (its {@code RunEvents.RANGER_MASK}
     * reads this form): Trino's query events carry a mask only as Trino re-prints its SQL, comments dropped. The
     * condition is a constant true, folded away when Trino plans the query.
     */
    // Not a Ranger type: the NULL this control shows for $path and $partition of a restricted table.
    private static final String HIDDEN_COLUMN_MASK = "HIDDEN_COLUMN";

    private static String marked(String maskType, String sql) {
        // A type is a service definition's word (Ranger reads it in any case); anything else must not reach the SQL.
        String upper = maskType.toUpperCase(Locale.ROOT);
        String type = upper.matches("[A-Z0-9_]{1,64}") ? upper : "UNKNOWN";
        return "IF('ranger-mask:" + type + "' IS NOT NULL, " + sql + ")";
    }

    private static ViewExpression expression(CatalogSchemaTableName table, String sql) {
        return ViewExpression.builder()
                .catalog(table.getCatalogName())
                .schema(table.getSchemaTableName().getSchemaName())
                .expression(sql)
                .build();
    }

    private static String quoted(String column) {
        return "\"" + column.replace("\"", "\"\"") + "\"";
    }
}
