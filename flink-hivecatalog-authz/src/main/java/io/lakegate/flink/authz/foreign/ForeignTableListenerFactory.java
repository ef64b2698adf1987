package io.lakegate.flink.authz.foreign;

import io.lakegate.flink.authz.identity.SessionUser;
import org.apache.flink.table.catalog.listener.CatalogModificationListener;
import org.apache.flink.table.catalog.listener.CatalogModificationListenerFactory;

/**
 * Catalog modification listener {@value #IDENTIFIER} ({@code table.catalog-modification.listeners: lakegate}): tables
 * are defined in guarded catalogs only (see {@link ForeignTableListener}).
 */
public final class ForeignTableListenerFactory implements CatalogModificationListenerFactory {
    public static final String IDENTIFIER = "lakegate";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public CatalogModificationListener createListener(Context context) {
        return new ForeignTableListener(SessionUser.of(context.getConfiguration()));
    }
}
