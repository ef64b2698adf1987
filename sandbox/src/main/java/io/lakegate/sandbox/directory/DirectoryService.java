package io.lakegate.sandbox.directory;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.OperationType;
import io.lakegate.sandbox.demo.DemoAccount;
import io.lakegate.sandbox.demo.DemoDirectory;
import io.lakegate.sandbox.service.Endpoint;
import io.lakegate.sandbox.service.SandboxContext;
import io.lakegate.sandbox.service.SandboxService;
import io.lakegate.sandbox.service.StartedService;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The LDAP directory logins are checked against (through kyuubi-ext-authn's LDAP provider), in the sandbox's own
 * process: the entries of the directory's LDIF file.
 */
public final class DirectoryService implements SandboxService {
    public static final String NAME = "ldap";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> requires() {
        return Set.of();
    }

    @Override
    public Set<Integer> ports(SandboxContext context) {
        return Set.of(context.ldapPort());
    }

    @Override
    public StartedService start(SandboxContext context) throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(DemoDirectory.BASE_DN);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig(
                "ldap", InetAddress.getByName(context.host()), context.ldapPort(), null));
        // Logins bind, and the provider reads the user's entry: no client may change the directory (its file does).
        config.setAllowedOperationTypes(EnumSet.of(
                OperationType.BIND,
                OperationType.SEARCH,
                OperationType.COMPARE,
                OperationType.UNBIND,
                OperationType.ABANDON));
        config.setAuthenticationRequiredOperationTypes(EnumSet.of(OperationType.SEARCH, OperationType.COMPARE));
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        for (Entry entry : context.directory().entries()) {
            server.add(entry);
        }
        server.startListening();
        return new StartedService() {
            @Override
            public List<Endpoint> endpoints() {
                return List.of(new Endpoint("LDAP directory (" + DemoDirectory.BASE_DN + ")", context.ldapUrl()));
            }

            @Override
            public List<String> notes() {
                List<String> notes = new ArrayList<>();
                notes.add("accounts (user / password: what the policies let them do), from "
                        + context.directory().file() + ":");
                for (DemoAccount account : context.directory().accounts()) {
                    boolean service = account.user().equals(DemoDirectory.SERVICE_ACCOUNT);
                    notes.add(String.format(
                            "  %-9s / %-12s %s (groups: %s)",
                            account.user(),
                            // It may do anything: its password is this data directory's own, not shown.
                            service ? "(generated)" : account.password(),
                            account.description(),
                            String.join(", ", account.groups())));
                }
                return notes;
            }

            @Override
            public void close() {
                server.shutDown(true);
            }
        };
    }
}
