package org.slimta.system.boot.internal.reload;

import java.util.Objects;
import java.util.Optional;

import org.slimta.system.internal.logging.LogFileReopening;
import org.slimta.system.internal.logging.LogFiles;

/**
 * "HUP reopens the logs": every file the logging system writes is reopened at its path, so that
 * logrotate can move it away and send SIGHUP (no {@code copytruncate}, which loses lines).
 */
public class LogFilesHangupAction implements HangupAction {

	private final Optional<LogFiles> files;

	/**
	 * Create the action.
	 * @param files the logging system's files, or empty where it is not in use
	 */
	public LogFilesHangupAction(Optional<LogFiles> files) {
		this.files = files;
	}

	@Override
	public int getOrder() {
		return LOG_FILES;
	}

	@Override
	public void afterHangup(Reload reload) {
		if (this.files.isEmpty()) {
			return;
		}
		for (LogFileReopening file : this.files.get().reopen()) {
			String name = "log file " + file.file();
			switch (file.outcome()) {
				case REOPENED -> reload.reloaded(name);
				case UNCHANGED -> reload.skipped(name, "not moved");
				case NOT_SUPPORTED -> reload.skipped(name, Reload.reason(Objects.requireNonNull(file.failure())));
				case FAILED -> reload.failed(name, "still written to the file it had",
						Objects.requireNonNull(file.failure()));
			}
		}
	}

}
