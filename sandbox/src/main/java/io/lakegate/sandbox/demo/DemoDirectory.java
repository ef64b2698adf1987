package io.lakegate.sandbox.demo;

import static java.util.Objects.requireNonNull;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox's directory, read from its LDIF file: the entries the LDAP server serves, and the accounts and groups
 * derived from them (the banner's credentials, Ranger's user store).
 */
public final class DemoDirectory {
    public static final String BASE_DN = "dc=lakegate,dc=sandbox";
    public static final String PEOPLE = "ou=people," + BASE_DN;
    public static final String GROUPS = "ou=groups," + BASE_DN;
    /** The account that loads the demonstration data. */
    public static final String SERVICE_ACCOUNT = "lakegate";

    private static final String GENERATED = "{generated}";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final List<Entry> entries;
    private final Map<String, DemoAccount> accounts;

    private DemoDirectory(Path file, List<Entry> entries, Map<String, DemoAccount> accounts) {
        this.file = file;
        this.entries = List.copyOf(entries);
        this.accounts = accounts;
    }

    /**
     * The directory of a data directory: {@code file}, written from the shipped one on the first start, the service
     * account's password generated then.
     */
    public static DemoDirectory ofDataDir(Path file) throws IOException {
        byte[] secret = new byte[18];
        RANDOM.nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return load(DemoFiles.copyOnce("directory.ldif", file, text -> text.replace(GENERATED, password)));
    }

    /** Reads {@code file}; a file that is not valid LDIF, or an account without a password, says where. */
    public static DemoDirectory load(Path file) throws IOException {
        requireNonNull(file, "file is null");
        List<Entry> entries = new ArrayList<>();
        try (LDIFReader reader = new LDIFReader(file.toFile())) {
            for (Entry entry = reader.readEntry(); entry != null; entry = reader.readEntry()) {
                entries.add(entry);
            }
        } catch (LDIFException e) {
            throw new IOException(file + " is not valid LDIF: " + e.getExceptionMessage(), e);
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        try {
            for (Entry entry : entries) {
                if (entry.hasObjectClass("groupOfNames")) {
                    String group = entry.getAttributeValue("cn");
                    for (String member : Optional.ofNullable(entry.getAttributeValues("member"))
                            .orElse(new String[0])) {
                        groups.computeIfAbsent(new DN(member).toNormalizedString(), ignored -> new ArrayList<>())
                                .add(group);
                    }
                }
            }
            Map<String, DemoAccount> accounts = new LinkedHashMap<>();
            for (Entry entry : entries) {
                if (entry.hasObjectClass("inetOrgPerson")) {
                    String user = entry.getAttributeValue("uid");
                    String password = entry.getAttributeValue("userPassword");
                    if (user == null || password == null) {
                        throw new IOException(file + ": entry " + entry.getDN()
                                + " needs a uid and a userPassword to be a sandbox account");
                    }
                    accounts.put(
                            user,
                            new DemoAccount(
                                    user,
                                    entry.getDN(),
                                    password,
                                    groups.getOrDefault(entry.getParsedDN().toNormalizedString(), List.of()),
                                    Optional.ofNullable(entry.getAttributeValue("description"))
                                            .orElse("")));
                }
            }
            if (!accounts.containsKey(SERVICE_ACCOUNT)) {
                throw new IOException(file + " has no account " + SERVICE_ACCOUNT
                        + ", which loads the demonstration data: restore it or start with --reset");
            }
            return new DemoDirectory(file, entries, Collections.unmodifiableMap(accounts));
        } catch (LDAPException e) {
            throw new IOException(file + ": " + e.getExceptionMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    public List<Entry> entries() {
        return entries.stream().map(Entry::duplicate).toList();
    }

    /** Every account, in the file's order. */
    public List<DemoAccount> accounts() {
        return List.copyOf(accounts.values());
    }

    public DemoAccount account(String user) {
        DemoAccount account = accounts.get(user);
        if (account == null) {
            throw new IllegalStateException(file + " has no account " + user);
        }
        return account;
    }

    /** Users' groups, as Ranger's user store holds them. */
    public Map<String, List<String>> groupsByUser() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        accounts.values().forEach(account -> groups.put(account.user(), account.groups()));
        return groups;
    }
}
