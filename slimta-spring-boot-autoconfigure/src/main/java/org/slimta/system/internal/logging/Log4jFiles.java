package org.slimta.system.internal.logging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractOutputStreamAppender;
import org.apache.logging.log4j.core.appender.FileManager;
import org.apache.logging.log4j.core.appender.MemoryMappedFileManager;
import org.apache.logging.log4j.core.appender.OutputStreamManager;
import org.apache.logging.log4j.core.appender.RandomAccessFileManager;
import org.apache.logging.log4j.core.appender.rolling.RollingFileManager;
import org.apache.logging.log4j.core.appender.rolling.RolloverListener;
import org.jspecify.annotations.Nullable;

/**
 * The file appenders of a Log4j2 {@link LoggerContext}. A {@code RollingFile} (what Spring
 * Boot's {@code logging.file.name} configures) or {@code RollingRandomAccessFile} appender whose
 * file was moved away or replaced is rolled over by its own manager, which opens a new file at
 * the path under the lock its writes take: no line is lost. One whose file is still in place is
 * left alone, so that a reload does not rotate it. Log4j2 has no way to reopen the file of a plain
 * {@code File}, {@code RandomAccessFile} or {@code MemoryMappedFile} appender: those say so.
 */
public final class Log4jFiles implements LogFiles {

	private final LoggerContext context;

	// The file each manager had open when last seen, by its identity on disk (device and inode).
	private final Map<RollingFileManager, Object> opened = Collections.synchronizedMap(new WeakHashMap<>());

	/**
	 * Create the files of a logger context, taking note of the files open now.
	 * @param context the context whose appenders to reopen
	 */
	public Log4jFiles(LoggerContext context) {
		this.context = context;
		for (RollingFileManager manager : rollingManagers()) {
			watch(manager);
		}
	}

	/**
	 * The files of the context the Log4j API logs to, when that is Log4j2's own.
	 * @return the files, or empty when the Log4j API logs to another library
	 */
	public static Optional<LogFiles> ifInUse() {
		return (LogManager.getContext(false) instanceof LoggerContext context) ? Optional.of(new Log4jFiles(context))
				: Optional.empty();
	}

	@Override
	public List<LogFileReopening> reopen() {
		List<LogFileReopening> reopened = new ArrayList<>();
		for (Appender appender : this.context.getConfiguration().getAppenders().values()) {
			if (appender.isStarted() && appender instanceof AbstractOutputStreamAppender<?> streamAppender) {
				LogFileReopening reopening = reopen(appender.getName(), streamAppender.getManager());
				if (reopening != null) {
					reopened.add(reopening);
				}
			}
		}
		return reopened;
	}

	private @Nullable LogFileReopening reopen(String appender, OutputStreamManager manager) {
		if (manager instanceof RollingFileManager rolling) {
			return reopen(appender, rolling);
		}
		String file = fileName(manager);
		if (file == null) {
			return null;
		}
		return new LogFileReopening(appender, file, LogFileReopening.Outcome.NOT_SUPPORTED,
				new UnsupportedOperationException("Log4j2 cannot reopen the file of a " + manager.getClass().getSimpleName()
						+ "; use a RollingFile appender, which can"));
	}

	private LogFileReopening reopen(String appender, RollingFileManager manager) {
		String file = manager.getFileName();
		Object known = this.opened.get(manager);
		if (known == null) {
			// New since (a reconfiguration) or its file created on demand: what is at the path is what it opened.
			watch(manager);
			return new LogFileReopening(appender, file, LogFileReopening.Outcome.UNCHANGED, null);
		}
		if (known.equals(identity(file))) {
			return new LogFileReopening(appender, file, LogFileReopening.Outcome.UNCHANGED, null);
		}
		try {
			manager.rollover();
		}
		catch (RuntimeException ex) {
			return new LogFileReopening(appender, file, LogFileReopening.Outcome.FAILED, ex);
		}
		this.opened.put(manager, identity(file));
		return LogFileReopening.reopened(appender, file);
	}

	private void watch(RollingFileManager manager) {
		boolean first = !this.opened.containsKey(manager);
		this.opened.put(manager, identity(manager.getFileName()));
		if (!first) {
			return;
		}
		// Its own rollovers open new files too.
		manager.addRolloverListener(new RolloverListener() {

			@Override
			public void rolloverTriggered(String fileName) {
			}

			@Override
			public void rolloverComplete(String fileName) {
				Log4jFiles.this.opened.put(manager, identity(manager.getFileName()));
			}

		});
	}

	private List<RollingFileManager> rollingManagers() {
		List<RollingFileManager> managers = new ArrayList<>();
		for (Appender appender : this.context.getConfiguration().getAppenders().values()) {
			if (appender instanceof AbstractOutputStreamAppender<?> streamAppender
					&& streamAppender.getManager() instanceof RollingFileManager manager) {
				managers.add(manager);
			}
		}
		return managers;
	}

	private static @Nullable String fileName(OutputStreamManager manager) {
		if (manager instanceof FileManager file) {
			return file.getFileName();
		}
		if (manager instanceof RandomAccessFileManager file) {
			return file.getFileName();
		}
		if (manager instanceof MemoryMappedFileManager file) {
			return file.getFileName();
		}
		return null;
	}

	// Null when there is no file at the path (moved away and not yet replaced).
	private static @Nullable Object identity(String file) {
		try {
			return Files.readAttributes(Path.of(file), BasicFileAttributes.class).fileKey();
		}
		catch (IOException ex) {
			return null;
		}
	}

}
