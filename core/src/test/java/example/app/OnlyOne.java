package example.app;

/** Exactly one exists in a test that makes it. */
public final class OnlyOne {
  public final String name = new String("the-one".toCharArray());
  public final Widget[] favourites = new Widget[3];
}
