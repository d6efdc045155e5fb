package org.slimta.system.boot.internal.privilege;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slimta.system.internal.FeatureStatus;
import org.slimta.system.internal.privilege.CapabilityReport;

/**
 * The {@code capabilities} health detail: what the kernel reports now, read from
 * {@code /proc/self/status} and {@code /proc/self/task/*}{@code /status} at each health check (see
 * {@link CapabilityReport#details()}), or {@code unavailable} without {@code /proc}. Never makes
 * the health DOWN: the privilege drop fails closed itself.
 */
public final class CapabilitiesStatus implements FeatureStatus {

	private static final Path PROC_SELF = Path.of("/proc/self");

	@Override
	public String detail() {
		return "capabilities";
	}

	@Override
	public Object value() {
		if (!Files.isDirectory(PROC_SELF.resolve("task"))) {
			return "unavailable";
		}
		try {
			return CapabilityReport.of(PROC_SELF).details();
		}
		catch (UncheckedIOException | IllegalArgumentException ex) {
			return "unavailable";
		}
	}

	@Override
	public boolean failed() {
		return false;
	}

}
