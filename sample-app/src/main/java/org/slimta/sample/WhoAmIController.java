package org.slimta.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the thread that handles this very request is, as the kernel reports it
 * ({@code /proc/thread-self/status}): {@code GET /whoami}. With the {@code privileged} profile it
 * shows nobody's uid, never root's.
 */
@RestController
class WhoAmIController {

	@GetMapping("/whoami")
	Map<String, Object> whoami() throws IOException {
		List<String> status = Files.readAllLines(Path.of("/proc/thread-self/status"));
		// Uid: and Gid: list the real, effective, saved and filesystem ids.
		return Map.of("uid", ids(status, "Uid:").get(1), "gid", ids(status, "Gid:").get(1), "groups",
				ids(status, "Groups:"), "thread", Thread.currentThread().getName());
	}

	private static List<Integer> ids(List<String> status, String field) {
		return status.stream()
			.filter((line) -> line.startsWith(field))
			.findFirst()
			.map((line) -> Arrays.stream(line.substring(field.length()).trim().split("\\s+"))
				.filter((id) -> !id.isEmpty())
				.map(Integer::valueOf)
				.toList())
			.orElseThrow(() -> new IllegalStateException("no " + field + " in /proc/thread-self/status"));
	}

}
