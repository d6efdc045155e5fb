package org.slimta.sample;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.annotation.PreDestroy;
import org.slimta.system.signal.ChildProcessLauncher;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts a child process ({@code sleep 300}) to compare the two ways: {@code POST /children}
 * through the starter's {@link ChildProcessLauncher} (clean signal mask: SIGTERM ends it; no
 * {@code NOTIFY_SOCKET}, {@code WATCHDOG_*} or {@code LISTEN_*} of the application), and
 * {@code POST /children?plain=true} through a plain {@link ProcessBuilder} (inherits the blocked
 * signals: SIGTERM stays pending; and the whole environment). Children still running are killed
 * when the application closes; one ended by SIGKILL leaves them running.
 */
@RestController
class ChildController {

	private final ChildProcessLauncher launcher;

	private final List<Process> children = new CopyOnWriteArrayList<>();

	ChildController(ChildProcessLauncher launcher) {
		this.launcher = launcher;
	}

	@PostMapping("/children")
	Map<String, Object> start(@RequestParam(defaultValue = "false") boolean plain) throws IOException {
		ProcessBuilder sleep = new ProcessBuilder("sleep", "300");
		Process child = plain ? sleep.start() : this.launcher.start(sleep);
		this.children.add(child);
		return Map.of("pid", child.pid(), "launcher", plain ? "ProcessBuilder" : "ChildProcessLauncher");
	}

	@PreDestroy
	void killChildren() {
		this.children.forEach(Process::destroyForcibly);
	}

}
