/// A mistake in a configuration or catalogue file: where it is, what is wrong and how to fix it.
public struct ConfigError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file as the caller named it, e.g. `kiosk-config/demo.json`.
    public var file: String
    /// 1-based line of the offending value, key or character.
    public var line: Int
    /// 1-based column, counted in Unicode scalars.
    public var column: Int
    /// Where in the document, e.g. `$.printer.kind` or `$.services[12].prefix`.
    public var jsonPath: String
    /// What is wrong, without a final full stop, e.g. `unknown device kind "serial"`.
    public var problem: String
    /// What to change, as a sentence, e.g. `Use one of: file, tcp, cups, usb.`
    public var fix: String

    public init(file: String, line: Int, column: Int, jsonPath: String, problem: String, fix: String) {
        self.file = file
        self.line = line
        self.column = column
        self.jsonPath = jsonPath
        self.problem = problem
        self.fix = fix
    }

    /// One line a technician can act on:
    /// `kiosk-config/demo.json:14:13: $.printer.kind: unknown device kind "serial". Use one of: file, tcp, cups, usb.`
    public var description: String { "\(file):\(line):\(column): \(jsonPath): \(problem). \(fix)" }
}
