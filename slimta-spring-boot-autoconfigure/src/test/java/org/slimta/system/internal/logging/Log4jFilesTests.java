package org.slimta.system.internal.logging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.RollingFileAppender;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.api.LayoutComponentBuilder;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slimta.system.internal.logging.LogFileReopening.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

class Log4jFilesTests {

	private final LoggerContext context = new LoggerContext("log4j-files-tests");

	@TempDir
	Path directory;

	private Path file;

	private Logger logger;

	@BeforeEach
	void file() {
		this.file = this.directory.resolve("app.log");
	}

	@AfterEach
	void stop() {
		this.context.stop();
	}

	@Test
	void reopensAMovedRollingFileAtItsPath() throws Exception {
		Log4jFiles files = startWithALine();
		Path moved = this.directory.resolve("moved.log");
		Files.move(this.file, moved);
		assertThat(files.reopen()).containsExactly(LogFileReopening.reopened("FILE", this.file.toString()));
		assertLogsOnInTheReopenedFile(moved);
	}

	@Test
	void reopensARollingFileReplacedByAnEmptyOne() throws Exception {
		Log4jFiles files = startWithALine();
		Path moved = this.directory.resolve("moved.log");
		// logrotate's "create": a new empty file where the old one was.
		Files.move(this.file, moved);
		Files.createFile(this.file);
		assertThat(files.reopen()).extracting(LogFileReopening::outcome).containsExactly(Outcome.REOPENED);
		assertLogsOnInTheReopenedFile(moved);
	}

	@Test
	void leavesARollingFileThatWasNotMovedAsItIs() throws Exception {
		Log4jFiles files = startWithALine();
		assertThat(files.reopen()).extracting(LogFileReopening::outcome).containsExactly(Outcome.UNCHANGED);
		this.logger.info("after");
		assertThat(Files.readAllLines(this.file)).containsExactly("before", "after");
		assertThat(this.directory).isDirectoryNotContaining("glob:**/app.log.*");
	}

	@Test
	void takesItsOwnRolloverForWhatItIs() throws Exception {
		Log4jFiles files = startWithALine();
		rollingAppender().getManager().rollover();
		this.logger.info("after");
		assertThat(files.reopen()).extracting(LogFileReopening::outcome).containsExactly(Outcome.UNCHANGED);
		assertThat(Files.readAllLines(this.file)).containsExactly("after");
	}

	@Test
	void saysThatAPlainFileCannotBeReopened() throws Exception {
		Path plain = this.directory.resolve("plain.log");
		start(plain);
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
		start(null);
		Log4jFiles files = new Log4jFiles(this.context);
		int logged = RotationUnderLoad.logWhileRotating(this.logger::info, (rotation) -> {
			Files.move(this.file, this.directory.resolve("moved-" + rotation + ".log"));
			assertThat(files.reopen()).extracting(LogFileReopening::outcome).containsExactly(Outcome.REOPENED);
		});
		this.context.stop();
		assertThat(RotationUnderLoad.linesIn(this.directory)).hasSize(logged);
	}

	// The rolling file with a first line, watched from then on.
	private Log4jFiles startWithALine() {
		start(null);
		this.logger.info("before");
		return new Log4jFiles(this.context);
	}

	// "before" stays in the file moved away, what is logged after the reopen goes to the file at the path.
	private void assertLogsOnInTheReopenedFile(Path moved) throws IOException {
		this.logger.info("after");
		assertThat(Files.readAllLines(moved)).containsExactly("before");
		assertThat(Files.readAllLines(this.file)).containsExactly("after");
	}

	private RollingFileAppender rollingAppender() {
		return this.context.getConfiguration().getAppender("FILE");
	}

	// What Spring Boot's log4j2-file.xml configures for logging.file.name, and maybe a plain file too.
	private void start(Path plain) {
		ConfigurationBuilder<BuiltConfiguration> builder = ConfigurationBuilderFactory.newConfigurationBuilder();
		builder.setConfigurationName("log4j-files-tests");
		builder.setStatusLevel(Level.WARN);
		LayoutComponentBuilder layout = builder.newLayout("PatternLayout").addAttribute("pattern", "%m%n");
		builder.add(builder.newAppender("FILE", "RollingFile")
			.addAttribute("fileName", this.file.toString())
			.addAttribute("filePattern", this.file + ".%d{yyyy-MM-dd}-%i.gz")
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
		this.logger = this.context.getLogger("test");
	}

}
