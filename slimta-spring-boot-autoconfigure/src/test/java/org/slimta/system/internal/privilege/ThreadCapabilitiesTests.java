package org.slimta.system.internal.privilege;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ThreadCapabilitiesTests {

	private static final String STATUS = """
			Name:	java
			Umask:	0022
			State:	S (sleeping)
			Pid:	4711
			NoNewPrivs:	1
			Seccomp:	2
			CapInh:	0000000000000000
			CapPrm:	0000000000000000
			CapEff:	0000000000000000
			CapBnd:	000001ffffffffff
			CapAmb:	0000000000000000
			""";

	@Test
	void readsEverySetAndNoNewPrivs() {
		ThreadCapabilities thread = ThreadCapabilities.parse(STATUS);
		assertThat(thread).isEqualTo(new ThreadCapabilities("java", 4711, 0, 0, 0, 0x1ffffffffffL, 0, true));
		assertThat(thread.holdsNone()).isTrue();
		assertThat(thread.isCleared()).as("the bounding set is full").isFalse();
		assertThat(thread.sets()).containsOnlyKeys("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb", "NoNewPrivs")
			.containsEntry("CapInh", "0000000000000000")
			.containsEntry("CapBnd", "000001ffffffffff")
			.containsEntry("NoNewPrivs", 1);
		assertThat(thread.sets().keySet()).containsExactly("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb",
				"NoNewPrivs");
	}

	@Test
	void groupsTheThreadsThatKeepSomething() {
		ThreadCapabilities leader = ThreadCapabilities.parse(STATUS);
		ThreadCapabilities cleared = new ThreadCapabilities("main", 4712, 0, 0, 0, 0, 0, true);
		ThreadCapabilities worker = new ThreadCapabilities("worker", 4713, 0, 1L << 10, 1L << 10, 0x1ffffffffffL,
				1L << 10, true);
		CapabilityReport report = new CapabilityReport(leader, List.of(leader, cleared, worker));
		assertThat(report.notCleared()).containsExactly(leader, worker);
		Map<String, Object> details = report.details();
		assertThat(details).containsEntry("process", leader.sets())
			.containsEntry("threads", 3)
			.containsEntry("cleared", 1);
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> remaining = (List<Map<String, Object>>) details.get("remaining");
		assertThat(remaining).hasSize(2);
		assertThat(remaining.get(0)).containsEntry("CapBnd", "000001ffffffffff")
			.containsEntry("count", 1)
			.containsEntry("names", List.of("java"));
		assertThat(remaining.get(1)).containsEntry("CapAmb", "0000000000000400")
			.containsEntry("count", 1)
			.containsEntry("names", List.of("worker"));
	}

	@Test
	void refusesAStatusWithoutCapabilities() {
		assertThatIllegalArgumentException().isThrownBy(() -> ThreadCapabilities.parse("Name:\tjava\nPid:\t1\n"))
			.withMessage("no CapInh: line in the status");
	}

}
