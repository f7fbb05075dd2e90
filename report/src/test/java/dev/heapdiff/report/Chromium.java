package dev.heapdiff.report;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Headless Chromium for tests: the DOM of a page after its scripts ran, a screenshot, or the value
 * of an expression evaluated in the page over the DevTools protocol. Each run gets a fresh profile
 * and no network.
 */
final class Chromium {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://[^\\s]+)");

  private final Path binary;

  private Chromium(Path binary) {
    this.binary = binary;
  }

  /** Returns Chromium if it is installed: /usr/bin/chromium or a chromium on the PATH. */
  static Optional<Chromium> find() {
    List<Path> candidates = new ArrayList<>(
        List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser")));
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        candidates.add(Path.of(dir, "chromium"));
        candidates.add(Path.of(dir, "chromium-browser"));
      }
    }
    return candidates.stream().filter(Files::isExecutable).findFirst().map(Chromium::new);
  }

  /** Returns the page's DOM, serialized after it loaded and its scripts ran. */
  String dumpDom(Path page, String fragment) throws IOException, InterruptedException {
    return new String(run(List.of("--virtual-time-budget=2000", "--dump-dom", url(page, fragment))),
        StandardCharsets.UTF_8);
  }

  /** Writes a PNG of the page, {@code width} by {@code height} pixels, in light or dark colours. */
  void screenshot(Path page, String fragment, Path png, int width, int height, boolean dark)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("--virtual-time-budget=2000", "--hide-scrollbars",
        "--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath()));
    if (dark) {
      args.add("--force-dark-mode");
      args.add("--blink-settings=preferredColorScheme=0");
    }
    args.add(url(page, fragment));
    run(args);
  }

  /**
   * Opens the page, evaluates {@code expression} in it once it has loaded, and returns the value,
   * which must be a string: the DevTools protocol over a WebSocket on the loopback interface.
   */
  String evaluate(Path page, String expression) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("heapdiff-chromium");
    Path log = profile.resolve("stderr.txt");
    List<String> command = command(profile, List.of("--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
        url(page, "")));
    Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(log.toFile()).start();
    try {
      URI browser = devtoolsAddress(log, process);
      HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
      URI list = URI.create("http://127.0.0.1:" + browser.getPort() + "/json/list");
      String target = null;
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (target == null && System.nanoTime() < deadline) {
        String body = http.send(HttpRequest.newBuilder(list).timeout(TIMEOUT).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        for (Object entry : JsonParser.asArray(JsonParser.parse(body))) {
          Map<String, Object> t = JsonParser.asObject(entry);
          if ("page".equals(t.get("type")) && String.valueOf(t.get("url")).startsWith("file:")) {
            target = (String) t.get("webSocketDebuggerUrl");
          }
        }
        if (target == null) {
          Thread.sleep(100);
        }
      }
      if (target == null) {
        throw new IOException("Chromium showed no page target");
      }
      return evaluateOver(http, URI.create(target), expression);
    } finally {
      stop(process);
      deleteTree(profile);
    }
  }

  /** Sends Runtime.evaluate (waiting for the page's load) and returns the string it gives back. */
  private static String evaluateOver(HttpClient http, URI target, String expression)
      throws IOException, InterruptedException {
    CompletableFuture<String> reply = new CompletableFuture<>();
    WebSocket.Listener listener = new WebSocket.Listener() {
      private final StringBuilder text = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
          String message = text.toString();
          text.setLength(0);
          if (message.startsWith("{\"id\":1,")) {
            reply.complete(message);
          }
        }
        socket.request(1);
        return null;
      }

      @Override
      public void onError(WebSocket socket, Throwable error) {
        reply.completeExceptionally(error);
      }
    };
    WebSocket socket = http.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(target, listener).join();
    // wait for the page to have loaded, then run the expression
    String wrapped = "new Promise(r => document.readyState === 'complete' ? r() : addEventListener('load', () => r()))"
        + ".then(() => (" + expression + "))";
    socket.sendText("{\"id\":1,\"method\":\"Runtime.evaluate\",\"params\":{\"expression\":" + Json.quote(wrapped)
        + ",\"awaitPromise\":true,\"returnByValue\":true}}", true);
    try {
      Map<String, Object> message = JsonParser.asObject(JsonParser.parse(
          reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)));
      Map<String, Object> result = JsonParser.asObject(message.get("result"));
      if (result.containsKey("exceptionDetails")) {
        throw new IOException("the expression threw: " + result.get("exceptionDetails"));
      }
      return (String) JsonParser.asObject(result.get("result")).get("value");
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException("no answer from Chromium", e);
    } finally {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
    }
  }

  private static URI devtoolsAddress(Path log, Process process) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        Matcher m = DEVTOOLS.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
        if (m.find()) {
          return URI.create(m.group(1));
        }
      }
      if (!process.isAlive()) {
        throw new IOException("Chromium exited with " + process.exitValue() + ": " + Files.readString(log));
      }
      Thread.sleep(50);
    }
    throw new IOException("Chromium did not open its DevTools port");
  }

  /** Runs Chromium to completion with a fresh profile and returns what it wrote to stdout. */
  private byte[] run(List<String> args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("heapdiff-chromium");
    Path out = profile.resolve("stdout");
    Path err = profile.resolve("stderr.txt");
    Process process = new ProcessBuilder(command(profile, args)).redirectOutput(out.toFile())
        .redirectError(err.toFile()).start();
    try {
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw new IOException("Chromium did not finish in " + TIMEOUT.toSeconds() + " s");
      }
      if (process.exitValue() != 0) {
        throw new IOException("Chromium exited with " + process.exitValue() + ": " + Files.readString(err));
      }
      return Files.readAllBytes(out);
    } finally {
      stop(process);
      deleteTree(profile);
    }
  }

  private List<String> command(Path profile, List<String> args) {
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-extensions", "--user-data-dir=" + profile));
    command.addAll(args);
    return command;
  }

  private static String url(Path page, String fragment) {
    return page.toAbsolutePath().toUri() + fragment;
  }

  /** Ends the browser and the processes it started, each by its own handle. */
  private static void stop(Process process) throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      children.forEach(ProcessHandle::destroyForcibly);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      // a helper process may still be writing into the profile; it is a temp directory
    }
  }
}
