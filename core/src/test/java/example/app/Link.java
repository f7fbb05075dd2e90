package example.app;

/** A link of a singly linked chain. */
public final class Link {
  public Link next;
  public Object value;
}
