package dev.heapdiff.cli;

import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an option's value as one of an enum's constants, ignoring case. A value that is none of them
 * is refused with the choices as {@code --help} lists them, by their {@code toString()} (lowercase
 * here), where picocli's own message lists the constants' upper-case names.
 *
 * @param <E> the enum of the choices
 */
abstract class Choice<E extends Enum<E>> implements ITypeConverter<E> {
  private final Class<E> type;

  Choice(Class<E> type) {
    this.type = type;
  }

  @Override
  public E convert(String value) {
    for (E choice : type.getEnumConstants()) {
      if (choice.name().equalsIgnoreCase(value)) {
        return choice;
      }
    }
    throw new TypeConversionException(String.format("expected one of %s (case-insensitive) but was '%s'",
        Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", ", "[", "]")),
        value));
  }

  @Override
  public String toString() {
    return "one of " + Arrays.toString(type.getEnumConstants());
  }
}
