package org.slimta.system.boot.internal.daemon;

import java.nio.file.Path;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slimta.system.boot.internal.reload.HangupAction;
import org.slimta.system.boot.internal.reload.Reload;
import org.slimta.system.internal.daemon.ReadinessPipe;
import org.slimta.system.internal.posix.Posix;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Tells the launching process that the detached one is ready, once it started, and reopens the
 * detached process's redirected standard output and error on SIGHUP; does nothing in any other
 * process.
 */
public class DaemonReadiness implements HangupAction {

	// Named for the concern: Spring Boot's log pattern shows no more than 40 characters of a logger's name.
	private static final Log logger = LogFactory.getLog("org.slimta.system.daemon");

	private static final Path DEV_NULL = Path.of("/dev/null");

	private final Path stdout;

	private final Path stderr;

	/**
	 * Create the readiness.
	 * @param stdout where the detached process's standard output goes ({@code daemon.stdout})
	 * @param stderr where its standard error goes ({@code daemon.stderr})
	 */
	public DaemonReadiness(Path stdout, Path stderr) {
		this.stdout = stdout;
		this.stderr = stderr;
	}

	// Last: after the privilege drop, which is first.
	@EventListener
	@Order(Ordered.LOWEST_PRECEDENCE)
	void started(ApplicationStartedEvent event) {
		ReadinessPipe pipe = ReadinessPipe.current();
		if (pipe != null) {
			pipe.ready();
			logger.info("detached as pid " + ProcessHandle.current().pid() + " and ready");
		}
	}

	@Override
	public int getOrder() {
		return STANDARD_STREAMS;
	}

	@Override
	public void afterHangup(Reload reload) {
		if (!ReadinessPipe.isDaemon()) {
			return;
		}
		reopen(1, this.stdout, reload);
		reopen(2, this.stderr, reload);
	}

	private void reopen(int fd, Path path, Reload reload) {
		if (path.toAbsolutePath().equals(DEV_NULL)) {
			return;
		}
		System.out.flush();
		System.err.flush();
		String name = ((fd == 1) ? "stdout " : "stderr ") + path;
		try {
			Posix.get().reopenForAppend(fd, path.toAbsolutePath().toString());
			reload.reloaded(name);
		}
		catch (RuntimeException ex) {
			reload.failed(name, "slimta.system.daemon." + ((fd == 1) ? "stdout" : "stderr")
					+ " still goes to the file it had", ex);
		}
	}

}
