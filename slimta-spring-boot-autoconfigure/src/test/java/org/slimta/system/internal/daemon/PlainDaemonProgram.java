package org.slimta.system.internal.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.slimta.system.daemon.Umask;

/**
 * A program without Spring in daemon mode, for {@link DaemonTests}: it detaches into the
 * directory given as first argument, writes its pid file and output there, and serves until
 * SIGTERM; with {@code fail} as second argument it reports a failure instead of readiness.
 */
public final class PlainDaemonProgram {

	private PlainDaemonProgram() {
	}

	public static void main(String[] args) throws Exception {
		Path directory = Path.of(args[0]);
		Daemon daemon = Daemon.detach(Daemon.Settings.DEFAULTS.in(directory, Umask.valueOf("027"))
			.withOutput(directory.resolve("out.log")));
		if (args.length > 1 && args[1].equals("fail")) {
			daemon.failed("the spool directory is not writable: fix its owner");
			System.exit(2);
		}
		PidFile pidFile = PidFile.create(directory.resolve("app.pid"));
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				pidFile.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}));
		System.out.println("serving as pid " + ProcessHandle.current().pid());
		daemon.ready();
		new CountDownLatch(1).await();
	}

}
