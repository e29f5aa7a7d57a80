package io.dtm.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

/**
 * The README's quick start, as a reader pastes it: the files marked
 * {@code <!-- readme-test: path -->} are written out, the Java compiled, and the
 * application started with its {@code application.yml} (only the port is chosen here). A
 * transfer then succeeds, and one to a missing account is compensated. Pointed at a
 * database that is down, the same application still starts. The README's test passes
 * under the test kit as written.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReadmeQuickStartTests {

    private static final Pattern MARKED_BLOCK = Pattern
        .compile("<!-- readme-test: (\\S+) -->\\s*\\n```\\w*\\n(.*?)\\n```", Pattern.DOTALL);

    @TempDir
    Path project;

    private String userHome;

    @BeforeEach
    void ownHome() {
        // the coordinator's default H2 file lives under the user's home: give this run
        // its own
        this.userHome = System.getProperty("user.home");
        System.setProperty("user.home", this.project.resolve("home").toString());
    }

    @AfterEach
    void restoreHome() {
        System.setProperty("user.home", this.userHome);
    }

    @Test
    void theQuickStartRunsASagaAndCompensatesAFailedOne() throws Exception {
        int port = freePort();
        // the README's application.yml replaces this module's own; only the port is
        // chosen here
        run(port, (context, loader) -> {
            Object transfers = context.getBean(loader.loadClass("com.example.bank.TransferService"));
            Method transfer = transfers.getClass().getMethod("transfer", long.class, long.class, long.class);
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            RestClient coordinator = RestClient.create("http://localhost:" + port + "/api/dtmsvr");

            transfer.invoke(transfers, 1L, 2L, 30L);
            assertThat(balances(jdbc)).containsExactly(9970L, 10030L);
            assertThat(count(coordinator, "succeed")).isOne();

            try {
                transfer.invoke(transfers, 1L, 99L, 30L);
            }
            catch (InvocationTargetException ex) {
                // waitResult: the coordinator answered that the saga failed
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(count(coordinator, "failed")).isOne();
                assertThat(balances(jdbc)).containsExactly(9970L, 10030L);
            });
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dtm_barrier.barrier WHERE op = 'compensate'",
                    Integer.class))
                .isPositive();
        });
    }

    @Test
    void theQuickStartStartsWhileItsDatabaseIsDown(CapturedOutput output) throws Exception {
        // nothing listens on a port just found free: the participant's database is down
        run(freePort(), (context, loader) -> {
            assertThat(context.isActive()).isTrue();
            assertThat(output)
                .contains("The dtm barrier cannot reach its database to check the table " + "dtm_barrier.barrier")
                .contains("it will do so before the first barrier call");
        }, "--spring.datasource.url=jdbc:mariadb://127.0.0.1:" + freePort() + "/bank");
    }

    @Test
    void aMissingBarrierTableIsLoggedOnceAndTheCoordinatorRetriesUntilItExists(CapturedOutput output) throws Exception {
        int port = freePort();
        run(port, (context, loader) -> {
            Object transfers = context.getBean(loader.loadClass("com.example.bank.TransferService"));
            Method transfer = transfers.getClass().getMethod("transfer", long.class, long.class, long.class);
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            RestClient coordinator = RestClient.create("http://localhost:" + port + "/api/dtmsvr");
            try {
                transfer.invoke(transfers, 1L, 2L, 30L);
            }
            catch (InvocationTargetException ex) {
                // waitResult: the first pass did not finish the saga
            }
            await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(output).contains("dtm_barrier.barrier does not exist in the H2 database"));
            String log = output.toString();
            String script = log.substring(log.indexOf("CREATE SCHEMA"),
                    log.indexOf(");", log.indexOf("CREATE TABLE")) + 2);
            for (String statement : script.split(";")) {
                jdbc.execute(statement);
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(count(coordinator, "succeed")).isOne();
                assertThat(balances(jdbc)).containsExactly(9970L, 10030L);
            });
            assertThat(output.toString().split("dtm_barrier.barrier does not exist in the H2 database", -1)).hasSize(2);
        }, "--dtm.barrier.initialize-schema=never", "--dtm.barrier.validate-table=false", "--dtm.retry-interval=1s");
    }

    /**
     * The README's test, as pasted: {@code @SpringBootTest(webEnvironment = RANDOM_PORT)}
     * and {@code @DtmTest} on the quick start's files, with {@code bank.url} naming
     * {@code ${server.port}}.
     */
    @Test
    void theReadmeTestPassesUnderTheKit() throws Exception {
        Path classes = writeAndCompile();
        String configLocation = System.getProperty("spring.config.location");
        // the README's application.yml, not this module's, which the parent class loader
        // would find first
        System.setProperty("spring.config.location", "file:" + classes.resolve("application.yml"));
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() },
                getClass().getClassLoader())) {
            thread.setContextClassLoader(loader);
            Class<?> testClass = loader.loadClass("com.example.bank.TransferTests");
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            LauncherFactory.create()
                .execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(), listener);
            TestExecutionSummary summary = listener.getSummary();
            StringWriter failures = new StringWriter();
            summary.printFailuresTo(new PrintWriter(failures), 30);
            assertThat(summary.getTestsSucceededCount()).as("the README's tests that passed; failures:%n%s", failures)
                .isEqualTo(2);
            assertThat(summary.getTotalFailureCount()).isZero();
        }
        finally {
            thread.setContextClassLoader(previous);
            if (configLocation != null) {
                System.setProperty("spring.config.location", configLocation);
            }
            else {
                System.clearProperty("spring.config.location");
            }
        }
    }

    private Path writeAndCompile() throws IOException {
        Map<String, String> files = markedFiles(Path.of("..", "README.md"));
        assertThat(files).containsKeys("src/main/resources/application.yml", "src/main/resources/schema.sql",
                "src/main/java/com/example/bank/BankApplication.java",
                "src/test/java/com/example/bank/TransferTests.java");
        Path classes = this.project.resolve("classes");
        Files.createDirectories(classes);
        List<Path> sources = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = this.project.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue() + "\n");
            if (file.getKey().endsWith(".java")) {
                sources.add(path);
            }
            else if (file.getKey().startsWith("src/main/resources/")) {
                Path resource = classes.resolve(file.getKey().substring("src/main/resources/".length()));
                Files.writeString(resource, file.getValue() + "\n");
            }
        }
        compile(sources, classes);
        return classes;
    }

    private void run(int port, QuickStartCheck check, String... extraArgs) throws Exception {
        Path classes = writeAndCompile();
        List<String> args = new ArrayList<>(List.of("--server.port=" + port,
                "--spring.config.location=file:" + classes.resolve("application.yml")));
        args.addAll(List.of(extraArgs));
        try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() },
                getClass().getClassLoader())) {
            Class<?> main = loader.loadClass("com.example.bank.BankApplication");
            SpringApplication application = new SpringApplication(new DefaultResourceLoader(loader), main);
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try (ConfigurableApplicationContext context = application.run(args.toArray(String[]::new))) {
                check.accept(context, loader);
            }
            finally {
                thread.setContextClassLoader(previous);
            }
        }
    }

    @FunctionalInterface
    interface QuickStartCheck {

        void accept(ConfigurableApplicationContext context, ClassLoader loader) throws Exception;

    }

    static Map<String, String> markedFiles(Path readme) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        Matcher matcher = MARKED_BLOCK.matcher(Files.readString(readme, StandardCharsets.UTF_8));
        while (matcher.find()) {
            files.put(matcher.group(1), matcher.group(2));
        }
        return files;
    }

    private static void compile(List<Path> sources, Path classes) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d",
                    classes.toString(), "-parameters", "-proc:none");
            boolean compiled = compiler
                .getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources))
                .call();
            assertThat(compiled).as("the README's Java compiles: %s", diagnostics.getDiagnostics()).isTrue();
        }
    }

    private static List<Long> balances(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT balance FROM account ORDER BY id", Long.class);
    }

    private static int count(RestClient coordinator, String status) {
        String body = coordinator.get().uri("/all?status={status}", status).retrieve().body(String.class);
        return body.split("\"gid\"", -1).length - 1;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
