package dev.heapdiff.cli;

/**
 * The jshell feedback mode {@code heapdiff shell} selects: jshell's usual messages, but values shown
 * whole. jshell's own modes cut a value longer than 1,000 characters (80 for a declaration) in the
 * middle, and a table of ten rows with long class names is longer than that.
 *
 * <p>The built-in modes cannot be copied or changed from the command line: they are defined only
 * after the startup scripts and the files named on the command line have run, and then they are
 * read-only. So the mode is written out in full here, run as a file named on the command line (once,
 * not again on {@code /reset}) and chosen with {@code --feedback}. {@code /set feedback normal}
 * goes back to jshell's mode.
 */
final class FeedbackMode {
  static final String NAME = "heapdiff";

  /** jshell commands that define the mode. */
  static final String COMMANDS = """
      /set mode heapdiff -command
      /set prompt heapdiff "\\njshell> " "   ...> "
      /set truncation heapdiff 2000000000
      /set format heapdiff pre "|  "
      /set format heapdiff post "%n"
      /set format heapdiff errorpre "|  "
      /set format heapdiff errorpost "%n"
      /set format heapdiff errorline "{post}{pre}    {err}"
      /set format heapdiff action "created" added-primary
      /set format heapdiff action "modified" modified-primary
      /set format heapdiff action "replaced" replaced-primary
      /set format heapdiff action "overwrote" overwrote-primary
      /set format heapdiff action "dropped" dropped-primary
      /set format heapdiff action "  update created" added-update
      /set format heapdiff action "  update modified" modified-update
      /set format heapdiff action "  update replaced" replaced-update
      /set format heapdiff action "  update overwrote" overwrote-update
      /set format heapdiff action "  update dropped" dropped-update
      /set format heapdiff kind "class" class
      /set format heapdiff kind "interface" interface
      /set format heapdiff kind "enum" enum
      /set format heapdiff kind "annotation interface" annotation
      /set format heapdiff kind "record" record
      /set format heapdiff missing ", usable once{unresolved} is declared" defined,notdefined-unresolved1-error0
      /set format heapdiff missing ", usable once{unresolved} are declared" defined,notdefined-unresolved2-error0
      /set format heapdiff missing ", usable once these errors are fixed: {errors}" defined,notdefined-unresolved0-error1,error2
      /set format heapdiff missing ", usable once{unresolved} is declared and these errors are fixed: {errors}" defined,notdefined-unresolved1-error1,error2
      /set format heapdiff missing ", usable once{unresolved} are declared and these errors are fixed: {errors}" defined,notdefined-unresolved2-error1,error2
      /set format heapdiff result "{name} ==> {value}{post}" added,modified,replaced-ok-primary
      /set format heapdiff display "{result}" added,modified,replaced-expression,varvalue,assignment,varinit,vardecl-ok-primary
      /set format heapdiff display "{pre}{action} variable {name}{missing}{post}" vardecl,varinit-notdefined
      /set format heapdiff display "{pre}{action} variable {name}{post}" dropped-vardecl,varinit,expression
      /set format heapdiff display "{pre}{action} variable {name}, reset to null{post}" replaced-vardecl,varinit-ok-update
      /set format heapdiff display "{pre}{action} {kind} {name}{missing}{post}" class,interface,enum,annotation,record
      /set format heapdiff display "{pre}{action} method {name}({type}){missing}{post}" method
      /set format heapdiff display "{pre}attempted to use {kind} {name}{missing}{post}" used-class,interface,enum,annotation,record
      /set format heapdiff display "{pre}attempted to call method {name}({type}){missing}{post}" used-method
      /set format heapdiff display "" added,modified,replaced,overwrote,dropped-update
      """;

  private FeedbackMode() {}
}
