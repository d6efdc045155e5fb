package org.slimta.system.internal.daemon;

import java.nio.file.Path;

/**
 * A second process for {@link PidFileTests}: holds a pid file until its standard input ends.
 */
public final class PidFileHolder {

	private PidFileHolder() {
	}

	public static void main(String[] args) throws Exception {
		try (PidFile pidFile = PidFile.create(Path.of(args[0]))) {
			System.out.println("locked " + pidFile.pid());
			System.out.flush();
			System.in.readAllBytes();
		}
		catch (PidFileLockedException ex) {
			System.out.println("refused: " + ex.getMessage());
			System.exit(1);
		}
	}

}
