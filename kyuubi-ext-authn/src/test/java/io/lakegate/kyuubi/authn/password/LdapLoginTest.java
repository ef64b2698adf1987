package io.lakegate.kyuubi.authn.password;

import static io.lakegate.kyuubi.authn.TestDirectory.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import io.lakegate.kyuubi.authn.TestDirectory;
import io.lakegate.kyuubi.authn.conf.AuthnSettings;
import io.lakegate.kyuubi.authn.conf.ConfigException;
import io.lakegate.kyuubi.authn.ldap.LdapDirectory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LdapLoginTest {
    private static final TestDirectory DIRECTORY = TestDirectory.get();
    private static final LoginPolicy NO_CACHE =
            new LoginPolicy(Duration.ZERO, 5, Duration.ofMinutes(5), Duration.ofSeconds(30));

    @Test
    void patternBindAcceptsTheRightPasswordAndSaysTheSameOfWrongPasswordsAndUnknownUsers() throws Exception {
        PasswordLogin login = login(DIRECTORY.patternSettings(), NO_CACHE);
        assertThatCode(() -> login.login("alice", PASSWORD, Optional.empty())).doesNotThrowAnyException();
        String wrong = failure(login, "alice", "wrong");
        String unknown = failure(login, "nobody", PASSWORD);
        assertThat(wrong).isEqualTo(unknown).isEqualTo(LoginFailedException.INVALID);
    }

    @Test
    void searchThenBindFindsUsersAsTheServiceAccount() throws Exception {
        PasswordLogin login = login(DIRECTORY.searchSettings(), NO_CACHE);
        assertThatCode(() -> login.login("bob", PASSWORD, Optional.empty())).doesNotThrowAnyException();
        assertThat(failure(login, "bob", PASSWORD + "x")).isEqualTo(LoginFailedException.INVALID);
        assertThat(failure(login, "nobody", PASSWORD)).isEqualTo(LoginFailedException.INVALID);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "*",
                "alice*",
                "*)(uid=*",
                ")(uid=*",
                "alice)(|(uid=*",
                "alice)(objectClass=*",
                "\\00",
                "alice\\00",
                "uid=alice," + TestDirectory.PEOPLE,
                "alice,ou=people",
                "alice+cn=alice",
                "#alice",
                " alice",
                "alice ",
                "alice\u0000",
                "ALICE\n",
                "al*ce"
            })
    void injectedUserNamesNeverLogInWithAnotherUsersPassword(String user) {
        for (Map<String, String> settings : List.of(DIRECTORY.patternSettings(), DIRECTORY.searchSettings())) {
            PasswordLogin login = login(settings, NO_CACHE);
            assertThat(failure(login, user, PASSWORD)).isEqualTo(LoginFailedException.INVALID);
        }
    }

    @Test
    void namesWithDnSpecialCharactersAreEscapedNotRefused() {
        for (Map<String, String> settings : List.of(DIRECTORY.patternSettings(), DIRECTORY.searchSettings())) {
            PasswordLogin login = login(settings, NO_CACHE);
            assertThatCode(() -> login.login("o,brien+x=y", PASSWORD, Optional.empty()))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void aNameThatMatchesOnlyIgnoringCaseIsAnotherUserAndRefused() {
        for (Map<String, String> settings : List.of(DIRECTORY.patternSettings(), DIRECTORY.searchSettings())) {
            PasswordLogin login = login(settings, NO_CACHE);
            assertThat(failure(login, "ALICE", PASSWORD)).isEqualTo(LoginFailedException.INVALID);
            assertThat(failure(login, "Alice", PASSWORD)).isEqualTo(LoginFailedException.INVALID);
        }
    }

    @Test
    void aNameOfEntriesUnderSeveralDnPatternsIsRefusedWhicheverPasswordIsGiven() {
        Map<String, String> settings = DIRECTORY.patternSettings();
        settings.put(
                "kyuubi.authentication.lakegate.ldap.userDnPatterns",
                "uid=%s," + TestDirectory.PEOPLE + ":uid=%s," + TestDirectory.PARTNERS);
        PasswordLogin login = login(settings, NO_CACHE);
        // The partner's bob must not become the people's bob (nor the other way round).
        assertThat(failure(login, "bob", TestDirectory.PARTNER_PASSWORD)).isEqualTo(LoginFailedException.INVALID);
        assertThat(failure(login, "bob", PASSWORD)).isEqualTo(LoginFailedException.INVALID);
        assertThatCode(() -> login.login("alice", PASSWORD, Optional.empty())).doesNotThrowAnyException();
    }

    @Test
    void parallelGuessesAfterAFailureAreBoundedByTheFailuresLeft() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        PasswordAuthenticator slowWrong = (user, password) -> {
            if (asked.incrementAndGet() > 1) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            throw new LoginRejectedException("wrong");
        };
        PasswordLogin login = new PasswordLogin(
                "test", slowWrong, new LoginPolicy(Duration.ZERO, 3, Duration.ofMinutes(5), Duration.ofSeconds(30)));
        assertThat(failure(login, "victim", "guess0")).isEqualTo(LoginFailedException.INVALID);
        ExecutorService guessers = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> underWay = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                String guess = "guess" + i;
                underWay.add(guessers.submit(() -> failure(login, "victim", guess)));
            }
            // Two guesses are under way (blocked in the source) once it was asked three times.
            while (asked.get() < 3) {
                Thread.onSpinWait();
            }
            assertThat(failure(login, "victim", "guess3")).isEqualTo(LoginFailedException.THROTTLED);
            release.countDown();
            for (Future<String> result : underWay) {
                assertThat(result.get()).isEqualTo(LoginFailedException.INVALID);
            }
        } finally {
            release.countDown();
            guessers.shutdown();
        }
        assertThat(asked.get()).isEqualTo(3);
    }

    @Test
    void anEmptyPasswordIsRefusedBeforeTheDirectorySeesAnUnauthenticatedBind() {
        PasswordLogin login = login(DIRECTORY.patternSettings(), NO_CACHE);
        int binds = DIRECTORY.binds();
        assertThat(failure(login, "alice", "")).isEqualTo(LoginFailedException.INVALID);
        assertThat(failure(login, "alice", null)).isEqualTo(LoginFailedException.INVALID);
        assertThat(failure(login, "", PASSWORD)).isEqualTo(LoginFailedException.INVALID);
        assertThat(DIRECTORY.binds()).isEqualTo(binds);
    }

    @Test
    void veryLongInputIsRefusedWithoutAskingTheDirectory() {
        PasswordLogin login = login(DIRECTORY.patternSettings(), NO_CACHE);
        int binds = DIRECTORY.binds();
        assertThat(failure(login, "alice", "p".repeat(100_000))).isEqualTo(LoginFailedException.INVALID);
        assertThat(failure(login, "a".repeat(10_000), PASSWORD)).isEqualTo(LoginFailedException.INVALID);
        assertThat(DIRECTORY.binds()).isEqualTo(binds);
    }

    @Test
    void requiredGroupsCountDirectAndNestedMembershipBySearch() {
        Map<String, String> settings = DIRECTORY.searchSettings();
        settings.put("kyuubi.authentication.lakegate.ldap.requiredGroups", "everyone");
        PasswordLogin nested = login(settings, NO_CACHE);
        // alice is in analysts, which is in data, which is in everyone.
        assertThatCode(() -> nested.login("alice", PASSWORD, Optional.empty())).doesNotThrowAnyException();
        assertThat(failure(nested, "bob", PASSWORD)).isEqualTo(LoginFailedException.INVALID);

        settings.put("kyuubi.authentication.lakegate.ldap.nestedGroupDepth", "1");
        PasswordLogin direct = login(settings, NO_CACHE);
        assertThat(failure(direct, "alice", PASSWORD)).isEqualTo(LoginFailedException.INVALID);
        settings.put("kyuubi.authentication.lakegate.ldap.requiredGroups", "admins, ANALYSTS");
        assertThatCode(() -> login(settings, NO_CACHE).login("alice", PASSWORD, Optional.empty()))
                .doesNotThrowAnyException();
    }

    @Test
    void requiredGroupsFromMemberOfAreFollowedThroughCycles() {
        Map<String, String> settings = DIRECTORY.patternSettings();
        settings.put("kyuubi.authentication.lakegate.ldap.userGroupAttribute", "memberOf");
        settings.put("kyuubi.authentication.lakegate.ldap.requiredGroups", "everyone");
        PasswordLogin login = login(settings, NO_CACHE);
        assertThatCode(() -> login.login("alice", PASSWORD, Optional.empty())).doesNotThrowAnyException();
        assertThat(failure(login, "carol", PASSWORD)).isEqualTo(LoginFailedException.INVALID);
    }

    @Test
    void aCachedLoginNeedsNoBindAndAWrongPasswordDropsIt() {
        PasswordLogin login = login(
                DIRECTORY.patternSettings(),
                new LoginPolicy(Duration.ofMinutes(1), 5, Duration.ofMinutes(5), Duration.ofSeconds(30)));
        assertThatCode(() -> login.login("carol", PASSWORD, Optional.empty())).doesNotThrowAnyException();
        int binds = DIRECTORY.binds();
        assertThatCode(() -> login.login("carol", PASSWORD, Optional.empty())).doesNotThrowAnyException();
        assertThat(DIRECTORY.binds()).isEqualTo(binds);

        assertThat(failure(login, "carol", "guess")).isEqualTo(LoginFailedException.INVALID);
        int afterFailure = DIRECTORY.binds();
        assertThat(afterFailure).isGreaterThan(binds);
        assertThatCode(() -> login.login("carol", PASSWORD, Optional.empty())).doesNotThrowAnyException();
        assertThat(DIRECTORY.binds()).isGreaterThan(afterFailure);
    }

    @Test
    void repeatedFailuresLockTheUserOutWithoutAskingTheDirectoryThenLonger() {
        AtomicLong now = new AtomicLong();
        Ticker ticker = now::get;
        PasswordLogin login = new PasswordLogin(
                "test",
                LdapDirectory.of(AuthnSettings.of(DIRECTORY.patternSettings())),
                new LoginPolicy(Duration.ZERO, 3, Duration.ofMinutes(5), Duration.ofSeconds(30)),
                ticker);
        for (int i = 0; i < 3; i++) {
            assertThat(failure(login, "user1", "guess" + i)).isEqualTo(LoginFailedException.INVALID);
        }
        int binds = DIRECTORY.binds();
        assertThat(failure(login, "user1", PASSWORD)).isEqualTo(LoginFailedException.THROTTLED);
        assertThat(failure(login, "USER1", PASSWORD)).isEqualTo(LoginFailedException.THROTTLED);
        assertThat(DIRECTORY.binds()).isEqualTo(binds);
        // Another user is not locked out with them.
        assertThatCode(() -> login.login("user2", PASSWORD, Optional.empty())).doesNotThrowAnyException();

        now.addAndGet(Duration.ofSeconds(31).toNanos());
        for (int i = 0; i < 3; i++) {
            assertThat(failure(login, "user1", "guess" + i)).isEqualTo(LoginFailedException.INVALID);
        }
        // The second lockout is twice as long.
        now.addAndGet(Duration.ofSeconds(31).toNanos());
        assertThat(failure(login, "user1", PASSWORD)).isEqualTo(LoginFailedException.THROTTLED);
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThatCode(() -> login.login("user1", PASSWORD, Optional.empty())).doesNotThrowAnyException();
    }

    @Test
    void failuresFromOneClientAddressLockThatAddressOutForEveryUser() throws Exception {
        PasswordLogin login = new PasswordLogin(
                "test",
                LdapDirectory.of(AuthnSettings.of(DIRECTORY.patternSettings())),
                new LoginPolicy(Duration.ZERO, 3, Duration.ofMinutes(5), Duration.ofSeconds(30)),
                Ticker.systemTicker());
        for (int i = 0; i < 3; i++) {
            String user = "user" + (10 + i);
            assertThatThrownBy(() -> login.login(user, "guess", Optional.of("10.0.0.9")))
                    .hasMessage(LoginFailedException.INVALID);
        }
        assertThatThrownBy(() -> login.login("user20", PASSWORD, Optional.of("10.0.0.9")))
                .hasMessage(LoginFailedException.THROTTLED);
        login.login("user20", PASSWORD, Optional.of("10.0.0.10"));
    }

    @Test
    void ldapsAndStartTlsCheckTheCertificateAndTheHostName() {
        Map<String, String> ldaps = DIRECTORY.patternSettings();
        ldaps.put("kyuubi.authentication.lakegate.ldap.url", DIRECTORY.ldapsUrl());
        ldaps.put(
                "kyuubi.authentication.lakegate.ldap.trustStore",
                DIRECTORY.trustStore().toString());
        ldaps.put("kyuubi.authentication.lakegate.ldap.trustStorePassword", TestDirectory.STORE_PASSWORD);
        assertThatCode(() -> login(ldaps, NO_CACHE).login("alice", PASSWORD, Optional.empty()))
                .doesNotThrowAnyException();

        Map<String, String> startTls = DIRECTORY.patternSettings();
        startTls.put("kyuubi.authentication.lakegate.ldap.startTls", "true");
        startTls.put(
                "kyuubi.authentication.lakegate.ldap.trustStore",
                DIRECTORY.trustStore().toString());
        startTls.put("kyuubi.authentication.lakegate.ldap.trustStorePassword", TestDirectory.STORE_PASSWORD);
        assertThatCode(() -> login(startTls, NO_CACHE).login("alice", PASSWORD, Optional.empty()))
                .doesNotThrowAnyException();

        // A trusted certificate for another host name.
        Map<String, String> otherName = new java.util.HashMap<>(ldaps);
        otherName.put("kyuubi.authentication.lakegate.ldap.url", DIRECTORY.ldapsOtherNameUrl());
        assertThat(failure(login(otherName, NO_CACHE), "alice", PASSWORD)).isEqualTo(LoginFailedException.UNAVAILABLE);
        otherName.put("kyuubi.authentication.lakegate.ldap.hostnameVerification", "false");
        assertThatCode(() -> login(otherName, NO_CACHE).login("alice", PASSWORD, Optional.empty()))
                .doesNotThrowAnyException();

        // A certificate the JVM's default trust store does not hold.
        Map<String, String> untrusted = DIRECTORY.patternSettings();
        untrusted.put("kyuubi.authentication.lakegate.ldap.url", DIRECTORY.ldapsUrl());
        assertThat(failure(login(untrusted, NO_CACHE), "alice", PASSWORD)).isEqualTo(LoginFailedException.UNAVAILABLE);
    }

    @Test
    void aSlowDirectoryFailsFastAndAnotherLoginStillWorks() {
        Map<String, String> settings = DIRECTORY.patternSettings();
        settings.put("kyuubi.authentication.lakegate.ldap.responseTimeout", "PT0.3S");
        settings.put("kyuubi.authentication.lakegate.ldap.poolSize", "1");
        PasswordLogin login = login(settings, NO_CACHE);
        long start = System.nanoTime();
        assertThat(failure(login, "slow", PASSWORD)).isEqualTo(LoginFailedException.UNAVAILABLE);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        // The only connection timed out and was dropped, not leaked: the next login gets a new one.
        assertThatCode(() -> login.login("alice", PASSWORD, Optional.empty())).doesNotThrowAnyException();
    }

    @Test
    void aDirectoryThatIsDownFailsClearlyAndIsUsedAgainWhenItReturns() throws Exception {
        Map<String, String> settings = DIRECTORY.patternSettings();
        settings.put("kyuubi.authentication.lakegate.ldap.connectTimeout", "PT1S");
        settings.put("kyuubi.authentication.lakegate.ldap.poolSize", "2");
        LdapDirectory directory = LdapDirectory.of(AuthnSettings.of(settings));
        PasswordLogin login = new PasswordLogin("test", directory, NO_CACHE);
        login.login("alice", PASSWORD, Optional.empty());
        DIRECTORY.stopPlainListener();
        try {
            for (int i = 0; i < 5; i++) {
                assertThat(failure(login, "alice", PASSWORD)).isEqualTo(LoginFailedException.UNAVAILABLE);
            }
        } finally {
            DIRECTORY.startPlainListener();
        }
        login.login("alice", PASSWORD, Optional.empty());
        // A directory that was down is no wrong password: nobody was locked out meanwhile.
        login.login("alice", PASSWORD, Optional.empty());
        assertNoConnectionCheckedOut(directory);
    }

    @Test
    void twoHundredConcurrentLoginsShareThePoolAndReturnEveryConnection() throws Exception {
        Map<String, String> settings = DIRECTORY.searchSettings();
        settings.put("kyuubi.authentication.lakegate.ldap.poolSize", "8");
        LdapDirectory directory = LdapDirectory.of(AuthnSettings.of(settings));
        PasswordLogin login = new PasswordLogin("test", directory, NO_CACHE);
        ExecutorService clients = Executors.newFixedThreadPool(32);
        try {
            List<Callable<Boolean>> logins = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String user = "user" + i;
                boolean right = i % 5 != 0;
                logins.add(() -> {
                    try {
                        login.login(user, right ? PASSWORD : "wrong", Optional.empty());
                        return true;
                    } catch (LoginFailedException e) {
                        assertThat(e).hasMessage(LoginFailedException.INVALID);
                        return false;
                    }
                });
            }
            int accepted = 0;
            for (Future<Boolean> result : clients.invokeAll(logins)) {
                accepted += result.get() ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(160);
        } finally {
            clients.shutdown();
        }
        assertNoConnectionCheckedOut(directory);
        assertThat(directory.statistics().getNumSuccessfulConnectionAttempts()).isLessThanOrEqualTo(8);
    }

    @Test
    void badSettingsStopTheProviderNamingTheKey() {
        assertThatThrownBy(() -> PasswordLogins.ldap(AuthnSettings.of(Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kyuubi.authentication.lakegate.ldap.url");
        Map<String, String> both = DIRECTORY.patternSettings();
        both.put("kyuubi.authentication.lakegate.ldap.userSearchBase", TestDirectory.PEOPLE);
        assertThatThrownBy(() -> PasswordLogins.ldap(AuthnSettings.of(both)))
                .hasMessageContaining("kyuubi.authentication.lakegate.ldap.userDnPatterns")
                .hasMessageContaining("both set");
        Map<String, String> pattern = DIRECTORY.patternSettings();
        pattern.put("kyuubi.authentication.lakegate.ldap.userDnPatterns", "ou=people,uid=%s");
        assertThatThrownBy(() -> PasswordLogins.ldap(AuthnSettings.of(pattern)))
                .hasMessageContaining("kyuubi.authentication.lakegate.ldap.userDnPatterns");
        Map<String, String> noPassword = DIRECTORY.searchSettings();
        noPassword.remove("kyuubi.authentication.lakegate.ldap.bindPassword");
        assertThatThrownBy(() -> PasswordLogins.ldap(AuthnSettings.of(noPassword)))
                .hasMessageContaining("kyuubi.authentication.lakegate.ldap.bindPassword");
        Map<String, String> groups = DIRECTORY.patternSettings();
        groups.put("kyuubi.authentication.lakegate.ldap.requiredGroups", "analysts");
        assertThatThrownBy(() -> PasswordLogins.ldap(AuthnSettings.of(groups)))
                .hasMessageContaining("kyuubi.authentication.lakegate.ldap.requiredGroups")
                .hasMessageContaining("userGroupAttribute");
        Map<String, String> timeout = DIRECTORY.patternSettings();
        timeout.put("kyuubi.authentication.lakegate.ldap.responseTimeout", "5 seconds");
        assertThatThrownBy(() -> PasswordLogins.ldap(AuthnSettings.of(timeout)))
                .hasMessageContaining("kyuubi.authentication.lakegate.ldap.responseTimeout")
                .hasMessageContaining("PT30S");
        Map<String, String> scheme = DIRECTORY.patternSettings();
        scheme.put("kyuubi.authentication.lakegate.ldap.url", "http://localhost:389");
        assertThatThrownBy(() -> PasswordLogins.ldap(AuthnSettings.of(scheme)))
                .hasMessageContaining("kyuubi.authentication.lakegate.ldap.url");
    }

    @Test
    void theServicePasswordMayComeFromAFile() throws Exception {
        java.nio.file.Path secret = java.nio.file.Files.createTempFile("bind", ".password");
        java.nio.file.Files.writeString(secret, TestDirectory.SERVICE_PASSWORD + "\n");
        Map<String, String> settings = DIRECTORY.searchSettings();
        settings.remove("kyuubi.authentication.lakegate.ldap.bindPassword");
        settings.put("kyuubi.authentication.lakegate.ldap.bindPassword.file", secret.toString());
        login(settings, NO_CACHE).login("alice", PASSWORD, Optional.empty());
    }

    private static void assertNoConnectionCheckedOut(LdapDirectory directory) {
        assertThat(directory.connectionsInUse()).isZero();
    }

    private static PasswordLogin login(Map<String, String> settings, LoginPolicy policy) {
        return new PasswordLogin("test", LdapDirectory.of(AuthnSettings.of(settings)), policy);
    }

    private static String failure(PasswordLogin login, String user, String password) {
        try {
            login.login(user, password, Optional.empty());
        } catch (LoginFailedException e) {
            return e.getMessage();
        }
        throw new AssertionError("[" + user + "] logged in");
    }
}
