package org.slimta.system.logging;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.RollingFileAppender;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.api.LayoutComponentBuilder;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slimta.system.logging.LogFileReopening.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

class Log4jFilesTests {

	private final LoggerContext context = new LoggerContext("log4j-files-tests");

	@TempDir
	Path directory;

	@AfterEach
	void stop() {
		this.context.stop();
	}

	@Test
	void reopensAMovedRollingFileAtItsPath() throws Exception {
		Path file = this.directory.resolve("app.log");
		Logger logger = start(file, null);
		logger.info("before");
		Log4jFiles files = new Log4jFiles(this.context);
		Path moved = this.directory.resolve("moved.log");
		Files.move(file, moved);
		assertThat(files.reopen()).containsExactly(LogFileReopening.reopened("FILE", file.toString()));
		logger.info("after");
		assertThat(Files.readAllLines(moved)).containsExactly("before");
		assertThat(Files.readAllLines(file)).containsExactly("after");
	}

	@Test
	void reopensARollingFileReplacedByAnEmptyOne() throws Exception {
		Path file = this.directory.resolve("app.log");
		Logger logger = start(file, null);
		logger.info("before");
		Log4jFiles files = new Log4jFiles(this.context);
		Path moved = this.directory.resolve("moved.log");
		// logrotate's "create": a new empty file where the old one was.
		Files.move(file, moved);
		Files.createFile(file);
		assertThat(files.reopen()).extracting(LogFileReopening::outcome).containsExactly(Outcome.REOPENED);
		logger.info("after");
		assertThat(Files.readAllLines(moved)).containsExactly("before");
		assertThat(Files.readAllLines(file)).containsExactly("after");
	}

	@Test
	void leavesARollingFileThatWasNotMovedAsItIs() throws Exception {
		Path file = this.directory.resolve("app.log");
		Logger logger = start(file, null);
		logger.info("before");
		Log4jFiles files = new Log4jFiles(this.context);
		assertThat(files.reopen()).extracting(LogFileReopening::outcome).containsExactly(Outcome.UNCHANGED);
		logger.info("after");
		assertThat(Files.readAllLines(file)).containsExactly("before", "after");
		assertThat(this.directory).isDirectoryNotContaining("glob:**/app.log.*");
	}

	@Test
	void takesItsOwnRolloverForWhatItIs() throws Exception {
		Path file = this.directory.resolve("app.log");
		Logger logger = start(file, null);
		logger.info("before");
		Log4jFiles files = new Log4jFiles(this.context);
		rollingAppender().getManager().rollover();
		logger.info("after");
		assertThat(files.reopen()).extracting(LogFileReopening::outcome).containsExactly(Outcome.UNCHANGED);
		assertThat(Files.readAllLines(file)).containsExactly("after");
	}

	@Test
	void saysThatAPlainFileCannotBeReopened() throws Exception {
		Path file = this.directory.resolve("app.log");
		Path plain = this.directory.resolve("plain.log");
		start(file, plain);
		assertThat(new Log4jFiles(this.context).reopen()).filteredOn((reopening) -> reopening.appender().equals("PLAIN"))
			.singleElement()
			.satisfies((reopening) -> {
				assertThat(reopening.outcome()).isEqualTo(Outcome.NOT_SUPPORTED);
				assertThat(reopening.file()).isEqualTo(plain.toString());
				assertThat(reopening.failure()).hasMessageContaining("use a RollingFile appender");
			});
	}

	@Test
	void losesNoLineWhileOtherThreadsLog() throws Exception {
		Path file = this.directory.resolve("app.log");
		Logger logger = start(file, null);
		Log4jFiles files = new Log4jFiles(this.context);
		int threads = 4;
		int linesPerThread = 5_000;
		List<Thread> writers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int thread = t;
			Thread writer = new Thread(() -> {
				for (int i = 0; i < linesPerThread; i++) {
					logger.info(thread + "-" + i);
				}
			});
			writers.add(writer);
			writer.start();
		}
		int rotations = 0;
		while (writers.stream().anyMatch(Thread::isAlive) || rotations < 20) {
			rotations++;
			Files.move(file, this.directory.resolve("moved-" + rotations + ".log"));
			assertThat(files.reopen()).extracting(LogFileReopening::outcome).containsExactly(Outcome.REOPENED);
		}
		for (Thread writer : writers) {
			writer.join();
		}
		this.context.stop();
		assertThat(LogbackFilesTests.linesIn(this.directory)).hasSize(threads * linesPerThread);
	}

	private RollingFileAppender rollingAppender() {
		return this.context.getConfiguration().getAppender("FILE");
	}

	// What Spring Boot's log4j2-file.xml configures for logging.file.name, and maybe a plain file too.
	private Logger start(Path file, Path plain) {
		ConfigurationBuilder<BuiltConfiguration> builder = ConfigurationBuilderFactory.newConfigurationBuilder();
		builder.setConfigurationName("log4j-files-tests");
		builder.setStatusLevel(Level.WARN);
		LayoutComponentBuilder layout = builder.newLayout("PatternLayout").addAttribute("pattern", "%m%n");
		builder.add(builder.newAppender("FILE", "RollingFile")
			.addAttribute("fileName", file.toString())
			.addAttribute("filePattern", file + ".%d{yyyy-MM-dd}-%i.gz")
			.add(layout)
			.addComponent(builder.newComponent("Policies")
				.addComponent(builder.newComponent("SizeBasedTriggeringPolicy").addAttribute("size", "10 MB")))
			.addComponent(builder.newComponent("DefaultRolloverStrategy").addAttribute("max", "7")));
		var root = builder.newRootLogger(Level.INFO).add(builder.newAppenderRef("FILE"));
		if (plain != null) {
			builder.add(builder.newAppender("PLAIN", "File").addAttribute("fileName", plain.toString()).add(layout));
			root.add(builder.newAppenderRef("PLAIN"));
		}
		builder.add(root);
		this.context.start(builder.build());
		return this.context.getLogger("test");
	}

}
