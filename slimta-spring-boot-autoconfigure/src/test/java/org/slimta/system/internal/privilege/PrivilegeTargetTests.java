package org.slimta.system.internal.privilege;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slimta.system.internal.InvalidValueException;
import org.slimta.system.internal.posix.GroupEntry;
import org.slimta.system.internal.posix.Posix;
import org.slimta.system.internal.posix.SupplementaryGroups;
import org.slimta.system.internal.posix.UserEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PrivilegeTargetTests {

	private Posix posix;

	@BeforeEach
	void onLinux() {
		assumeTrue(Posix.availability().available(), "native calls unavailable: " + Posix.availability().reason());
		this.posix = Posix.get();
	}

	@Test
	void findsUsersByNameOrUid() {
		UserEntry nobody = PrivilegeTarget.findUser(this.posix, "nobody");
		assertThat(nobody.uid()).isEqualTo(65534);
		assertThat(PrivilegeTarget.findUser(this.posix, " 65534 ")).isEqualTo(nobody);
	}

	@Test
	void refusesAnUnknownUserAndRoot() {
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> PrivilegeTarget.findUser(this.posix, "no-such-user-here"))
			.satisfies((ex) -> {
				assertThat(ex.getValue()).isEqualTo("no-such-user-here");
				assertThat(ex.getProblem()).isEqualTo("no user 'no-such-user-here' in the user database");
				assertThat(ex.getAccepted()).contains("unprivileged user name or numeric uid");
			});
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> PrivilegeTarget.findUser(this.posix, "424242"))
			.withMessageContaining("no user '424242'");
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> PrivilegeTarget.findUser(this.posix, "root"))
			.withMessageContaining("'root' is root (uid 0): dropping to it keeps every privilege");
	}

	@Test
	void quotesAVeryLongValueCut() {
		String name = "a".repeat(100_000);
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> PrivilegeTarget.findUser(this.posix, name))
			.satisfies((ex) -> {
				assertThat(ex.getProblem()).isEqualTo("no user '" + "a".repeat(60) + "…' in the user database");
				assertThat(ex.getMessage()).hasSizeLessThan(300);
				assertThat(ex.getValue()).isEqualTo(name);
			});
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> PrivilegeTarget.findUser(this.posix, " " + name + " "))
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(300));
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> PrivilegeTarget.findUser(this.posix, "0".repeat(100_000)))
			.satisfies((ex) -> assertThat(ex.getProblem())
				.isEqualTo("'" + "0".repeat(60) + "…' is root (uid 0): dropping to it keeps every privilege"));
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> PrivilegeTarget.findGroup(this.posix, name))
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(300));
	}

	@Test
	void findsNoUserOrGroupForANumberLargerThanAnyId() {
		String number = "9".repeat(100_000);
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> PrivilegeTarget.findUser(this.posix, number))
			.satisfies((ex) -> assertThat(ex.getProblem())
				.isEqualTo("no user '" + "9".repeat(60) + "…' in the user database"));
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> PrivilegeTarget.findGroup(this.posix, "4294967296"))
			.withMessageContaining("no group '4294967296' in the group database");
	}

	@Test
	void describesItselfWithItsNamesCut() {
		PrivilegeTarget target = new PrivilegeTarget("u".repeat(1000), 1000, "g".repeat(1000), 1000, false, Set.of());
		assertThat(target.describe())
			.isEqualTo("u".repeat(60) + "…:" + "g".repeat(60) + "… (uid 1000, gid 1000)");
	}

	@Test
	void findsGroupsByNameOrGidAndRefusesUnknownOnes() {
		assertThat(PrivilegeTarget.findGroup(this.posix, "nogroup")).isEqualTo(new GroupEntry("nogroup", 65534));
		assertThat(PrivilegeTarget.findGroup(this.posix, "0")).isEqualTo(new GroupEntry("root", 0));
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> PrivilegeTarget.findGroup(this.posix, "no-such-group-here"))
			.withMessageContaining("no group 'no-such-group-here' in the group database");
	}

	@Test
	void takesThePrimaryGroupAndTheGroupsInitgroupsWouldSet() throws Exception {
		UserEntry nobody = PrivilegeTarget.findUser(this.posix, "nobody");
		PrivilegeTarget target = PrivilegeTarget.of(this.posix, nobody, null, true, SupplementaryGroups.get());
		assertThat(target).isEqualTo(new PrivilegeTarget("nobody", 65534, "nogroup", 65534, true, idGroups("nobody")));
		assertThat(target.describe()).isEqualTo("nobody:nogroup (uid 65534, gid 65534)");
	}

	@Test
	void takesAnExplicitGroupAndNoSupplementaryGroupWhenAskedTo() {
		UserEntry nobody = PrivilegeTarget.findUser(this.posix, "nobody");
		PrivilegeTarget target = PrivilegeTarget.of(this.posix, nobody, new GroupEntry("root", 0), false,
				SupplementaryGroups.get());
		assertThat(target).isEqualTo(new PrivilegeTarget("nobody", 65534, "root", 0, false, Set.of()));
	}

	@Test
	void isHeldByAThreadWithEveryIdOfTheTargetWhateverItsCapabilities() {
		PrivilegeTarget target = new PrivilegeTarget("nobody", 65534, "nogroup", 65534, true, Set.of(65534));
		List<Integer> nobody = List.of(65534, 65534, 65534, 65534);
		assertThat(target.isHeldBy(new ThreadCredentials("main", 1, nobody, nobody, Set.of(65534), 0))).isTrue();
		assertThat(target.isHeldBy(
				new ThreadCredentials("main", 1, List.of(65534, 65534, 0, 65534), nobody, Set.of(65534), 0)))
			.isFalse();
		// Started as the target with ambient capabilities: the drop clears them, the identity stays.
		assertThat(target.isHeldBy(new ThreadCredentials("main", 1, nobody, nobody, Set.of(65534), 1L << 10)))
			.isTrue();
	}

	// What id(1) says, to check getgrouplist against a second reader of the group database.
	private static Set<Integer> idGroups(String user) throws IOException, InterruptedException {
		Process id = new ProcessBuilder("id", "-G", user).start();
		String output = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
		assertThat(id.waitFor()).isZero();
		return Arrays.stream(output.split("\\s+")).map(Integer::valueOf).collect(Collectors.toSet());
	}

}
