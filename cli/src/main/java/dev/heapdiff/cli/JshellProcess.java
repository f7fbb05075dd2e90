package dev.heapdiff.cli;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * Runs jshell as a child on this terminal. Ctrl-C on a terminal interrupts every process of the
 * foreground group: jshell uses it to stop the running snippet, so this JVM must not die of it and
 * leave jshell behind without its parent. While jshell runs, this JVM ignores SIGINT with a handler
 * of its own (not {@code SIG_IGN}, which a child would inherit); if this JVM is ended otherwise,
 * jshell is ended with it.
 *
 * <p>Signals are handled through {@code sun.misc.Signal} of {@code jdk.unsupported}, found by
 * reflection: javac warns about every mention of it, and a runtime without it only loses the
 * Ctrl-C handling.
 */
final class JshellProcess {
  private JshellProcess() {}

  /** Runs {@code command} with this process' standard streams and returns its exit code. */
  static int run(List<String> command) throws IOException, InterruptedException {
    Object previous = handleInterrupt(null);
    try {
      Process jshell = new ProcessBuilder(command).inheritIO().start();
      Thread endJshell = new Thread(jshell::destroy, "heapdiff-shell-exit");
      Runtime.getRuntime().addShutdownHook(endJshell);
      try {
        return jshell.waitFor();
      } finally {
        jshell.destroy();
        removeShutdownHook(endJshell);
      }
    } finally {
      if (previous != null) {
        handleInterrupt(previous);
      }
    }
  }

  /**
   * Installs {@code handler} (a {@code sun.misc.SignalHandler}; {@code null} for one that does
   * nothing) for SIGINT and returns the handler it replaces, or {@code null} if signals cannot be
   * handled here.
   */
  private static Object handleInterrupt(Object handler) {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Object signal = signalClass.getConstructor(String.class).newInstance("INT");
      Object installed = handler != null ? handler : Proxy.newProxyInstance(JshellProcess.class.getClassLoader(),
          new Class<?>[] {handlerClass}, JshellProcess::ignore);
      Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
      return handle.invoke(null, signal, installed);
    } catch (ReflectiveOperationException | LinkageError | RuntimeException unavailable) {
      return null; // no sun.misc here, or SIGINT is the JVM's own (-Xrs): Ctrl-C ends heapdiff too
    }
  }

  /** The signal handler that does nothing: {@code handle(Signal)}, and Object's methods for a proxy. */
  private static Object ignore(Object proxy, Method method, Object[] args) {
    return switch (method.getName()) {
      case "hashCode" -> System.identityHashCode(proxy);
      case "equals" -> proxy == args[0];
      case "toString" -> "heapdiff shell: SIGINT goes to jshell";
      default -> null;
    };
  }

  private static void removeShutdownHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run: jshell is being ended anyway
    }
  }
}
