package org.slimta.system.internal.logging;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.rolling.LengthCounter;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TriggeringPolicy;
import ch.qos.logback.core.spi.AppenderAttachable;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The file appenders of a Logback {@link LoggerContext} (what {@code logging.file.name}
 * configures, {@code FileAppender}, {@code RollingFileAppender}, also behind an
 * {@code AsyncAppender}), each reopened in place by {@link FileAppender#openFile(String)}, the
 * step its own rollover takes: the new file replaces the old under the appender's write lock, so
 * that a line written meanwhile lands in one or the other. Stopping and starting the appender
 * instead would drop every line logged between the two, and would leave a
 * {@code RollingFileAppender} stopped unless its policies were restarted too.
 */
public final class LogbackFiles implements LogFiles {

	private final LoggerContext context;

	/**
	 * Create the files of a logger context.
	 * @param context the context whose appenders to reopen
	 */
	public LogbackFiles(LoggerContext context) {
		this.context = context;
	}

	/**
	 * The files of the context SLF4J logs to, when that is Logback's.
	 * @return the files, or empty when SLF4J is bound to another library
	 */
	public static Optional<LogFiles> ifInUse() {
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		return (factory instanceof LoggerContext context) ? Optional.of(new LogbackFiles(context)) : Optional.empty();
	}

	@Override
	public List<LogFileReopening> reopen() {
		List<LogFileReopening> reopened = new ArrayList<>();
		for (FileAppender<?> appender : fileAppenders()) {
			if (appender.isStarted()) {
				reopened.add(reopen(appender));
			}
		}
		return reopened;
	}

	private LogFileReopening reopen(FileAppender<?> appender) {
		String file = appender.getFile();
		try {
			// Opens the new file before it closes the old one: if it fails, the old one is still written to.
			appender.openFile(file);
		}
		catch (IOException | RuntimeException ex) {
			return new LogFileReopening(appender.getName(), file, LogFileReopening.Outcome.FAILED, ex);
		}
		if (appender instanceof RollingFileAppender<?> rolling) {
			measureAgain(rolling.getTriggeringPolicy(), file);
		}
		return LogFileReopening.reopened(appender.getName(), file);
	}

	// A size-based policy counts the bytes of the file it had: count those of the new one instead.
	private static void measureAgain(TriggeringPolicy<?> policy, String file) {
		LengthCounter counter = (policy != null) ? policy.getLengthCounter() : null;
		if (counter != null) {
			counter.reset();
			counter.add(new File(file).length());
		}
	}

	private List<FileAppender<?>> fileAppenders() {
		Set<Appender<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		List<FileAppender<?>> files = new ArrayList<>();
		for (Logger logger : this.context.getLoggerList()) {
			collect(logger.iteratorForAppenders(), seen, files);
		}
		return files;
	}

	private static <E> void collect(Iterator<Appender<E>> appenders, Set<Appender<?>> seen,
			List<FileAppender<?>> files) {
		while (appenders.hasNext()) {
			Appender<E> appender = appenders.next();
			if (!seen.add(appender)) {
				continue;
			}
			if (appender instanceof FileAppender<?> file) {
				files.add(file);
			}
			if (appender instanceof AppenderAttachable<?> attachable) {
				collectAttached(attachable, seen, files);
			}
		}
	}

	private static <E> void collectAttached(AppenderAttachable<E> attachable, Set<Appender<?>> seen,
			List<FileAppender<?>> files) {
		collect(attachable.iteratorForAppenders(), seen, files);
	}

}
