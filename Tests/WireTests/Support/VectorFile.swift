import Foundation

/// The golden vectors in ../shared/vectors/ (beside the checkout), as rows of named columns.
/// Tests load them at run time so a corrected vector file is picked up without code changes.
enum VectorFile {
    static let directory: String = {
        // Tests/WireTests/Support/VectorFile.swift -> project root -> ../shared/vectors
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent().appendingPathComponent("shared/vectors").path
    }()

    /// Rows of `name` (a .tsv with a header line) as dictionaries keyed by column name.
    static func rows(_ name: String) throws -> [[String: String]] {
        let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard !lines.isEmpty else { return [] }
        let header = lines.removeFirst().split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        return lines.map { line in
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            var row: [String: String] = [:]
            for (index, name) in header.enumerated() { row[name] = index < cells.count ? cells[index] : "" }
            return row
        }
    }
}
