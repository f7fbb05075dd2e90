package dev.heapdiff.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version {@code --version} prints: heapdiff's, from the build, and the JVM's. */
final class Version implements IVersionProvider {
  /** Returns heapdiff's version as the build recorded it, e.g. {@code 0.1.0-SNAPSHOT}. */
  static String heapdiff() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {"heapdiff " + heapdiff(),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
  }

  @Override
  public String toString() {
    return "heapdiff " + heapdiff();
  }
}
