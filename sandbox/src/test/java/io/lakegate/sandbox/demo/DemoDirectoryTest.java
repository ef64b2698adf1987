package io.lakegate.sandbox.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDirectoryTest {
    @TempDir
    Path work;

    @Test
    void theShippedDirectoryHasTheDemonstrationAccountsAndTheirGroups() throws IOException {
        DemoDirectory directory = DemoDirectory.load(DemoFiles.copyOnce("directory.ldif", work.resolve("d.ldif")));
        assertThat(directory.accounts())
                .extracting(DemoAccount::user)
                .containsExactly("alice", "bob", "carol", "mallory", "lakegate");
        assertThat(directory.groupsByUser())
                .containsEntry("alice", List.of("analysts"))
                .containsEntry("bob", List.of("engineers"))
                .containsEntry("carol", List.of("auditors"))
                .containsEntry("mallory", List.of("contractors"))
                .containsEntry("lakegate", List.of("platform"));
        assertThat(directory.account("alice").dn()).isEqualTo("uid=alice,ou=people,dc=lakegate,dc=sandbox");
        assertThatThrownBy(() -> directory.account("nobody")).hasMessageContaining("has no account nobody");
    }

    @Test
    void theServiceAccountsPasswordIsGeneratedOncePerDataDirectory() throws IOException {
        Path file = work.resolve("data/ldap/directory.ldif");
        String password = DemoDirectory.ofDataDir(file).account("lakegate").password();
        assertThat(password).hasSizeGreaterThanOrEqualTo(24).doesNotContain("generated");
        assertThat(DemoDirectory.ofDataDir(file).account("lakegate").password()).isEqualTo(password);
        assertThat(DemoDirectory.ofDataDir(work.resolve("other/directory.ldif"))
                        .account("lakegate")
                        .password())
                .isNotEqualTo(password);
        assertThat(DemoDirectory.ofDataDir(file).account("alice").password()).isEqualTo("alice-pw");
    }

    @Test
    void anEditedFileIsKeptAndABrokenOneSaysWhere() throws IOException {
        Path file = DemoFiles.copyOnce("directory.ldif", work.resolve("d.ldif"));
        String edited = Files.readString(file).replace("userPassword: alice-pw", "userPassword: changed");
        Files.writeString(file, edited);
        DemoFiles.copyOnce("directory.ldif", file);
        assertThat(DemoDirectory.load(file).account("alice").password()).isEqualTo("changed");

        Files.writeString(file, "dn: uid=x\nnot ldif at all\n");
        assertThatThrownBy(() -> DemoDirectory.load(file)).hasMessageStartingWith(file + " is not valid LDIF");

        Files.writeString(
                file, edited.replace("uid=lakegate,", "uid=someone,").replace("uid: lakegate", "uid: someone"));
        assertThatThrownBy(() -> DemoDirectory.load(file))
                .hasMessage(file + " has no account lakegate, which loads the demonstration data: restore it or start"
                        + " with --reset");
    }

    @Test
    void theDemonstrationDataIsStatementsOfItsOwn() {
        List<String> statements = DemoFiles.statements("data.sql");
        assertThat(statements).hasSize(9).noneMatch(statement -> statement.endsWith(";"));
        assertThat(statements.get(0)).startsWith("CREATE DATABASE IF NOT EXISTS sales");
        assertThat(statements)
                .filteredOn(statement -> statement.startsWith("INSERT OVERWRITE TABLE"))
                .hasSize(3);
    }
}
