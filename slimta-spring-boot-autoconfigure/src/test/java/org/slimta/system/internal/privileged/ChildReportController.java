package org.slimta.system.internal.privileged;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.slimta.system.signal.ChildProcessLauncher;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /child}: what a child process of {@link WhoAmIApplication} inherits, its descriptors
 * ({@code ls -l /proc/$$/fd} of a shell) and its environment, started through the starter's
 * {@link ChildProcessLauncher} or, with {@code plain=true}, a plain {@link ProcessBuilder}.
 */
@RestController
class ChildReportController {

	private final ChildProcessLauncher launcher;

	ChildReportController(ChildProcessLauncher launcher) {
		this.launcher = launcher;
	}

	@GetMapping("/child")
	Map<String, String> child(@RequestParam(defaultValue = "false") boolean plain)
			throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c",
				"ls -l /proc/$$/fd; echo ---; tr '\\0' '\\n' < /proc/$$/environ").redirectErrorStream(true);
		Process child = plain ? builder.start() : this.launcher.start(builder);
		String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		child.waitFor();
		String[] parts = output.split("---\n", 2);
		return Map.of("descriptors", parts[0], "environment", (parts.length > 1) ? parts[1] : "");
	}

}
