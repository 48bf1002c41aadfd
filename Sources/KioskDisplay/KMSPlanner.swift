import KioskCore

/// The output the DRM backend drives: a connected connector, its mode and a CRTC its encoder allows.
public struct KMSChoice: Sendable, Equatable {
    public var connector: KMSConnector
    public var mode: KMSMode
    public var crtc: UInt32
}

/// Why no output could be chosen.
public enum KMSChoiceFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// No connector reports a screen attached (with at least one mode).
    case noConnectedScreen(connectors: [String])
    /// The configured mode is not among the connector's.
    case modeNotOffered(DisplayMode, connector: String, offered: [String])
    /// None of the connector's encoders can be fed by a CRTC.
    case noCrtc(connector: String)

    public var description: String {
        switch self {
        case .noConnectedScreen(let connectors):
            "no connected screen on " + (connectors.isEmpty ? "a card with no connectors" : connectors.joined(separator: ", "))
        case .modeNotOffered(let mode, let connector, let offered):
            "\(connector) does not offer mode \(mode.description) (it offers \(offered.prefix(12).joined(separator: ", ")))"
        case .noCrtc(let connector): "no CRTC can drive \(connector)"
        }
    }
}

/// Chooses the output to drive; pure, so every choice is tested without a card.
public enum KMSPlanner {
    /// The first connected connector with modes; the configured mode (matched by size and, when
    /// given, refresh) or else the preferred mode (or else the first listed); the CRTC of its current
    /// encoder when it has one, or else the first CRTC one of its encoders allows.
    public static func choose(_ resources: KMSResources, wanted: DisplayMode?) -> Result<KMSChoice, KMSChoiceFailure> {
        guard let connector = resources.connectors.first(where: { $0.connected && !$0.modes.isEmpty }) else {
            return .failure(.noConnectedScreen(connectors: resources.connectors.map(\.name)))
        }
        let mode: KMSMode
        if let wanted {
            guard let match = connector.modes.first(where: {
                $0.width == wanted.width && $0.height == wanted.height && (wanted.refreshHz == nil || wanted.refreshHz == $0.refreshHz)
            }) else {
                return .failure(.modeNotOffered(wanted, connector: connector.name, offered: connector.modes.map(\.name)))
            }
            mode = match
        } else {
            mode = connector.modes.first(where: \.preferred) ?? connector.modes[0]
        }
        guard let crtc = crtc(for: connector, resources) else { return .failure(.noCrtc(connector: connector.name)) }
        return .success(KMSChoice(connector: connector, mode: mode, crtc: crtc))
    }

    private static func crtc(for connector: KMSConnector, _ resources: KMSResources) -> UInt32? {
        if let current = resources.encoders.first(where: { $0.id == connector.currentEncoder }), current.crtc != 0,
            resources.crtcs.contains(current.crtc)
        {
            return current.crtc
        }
        for encoderID in connector.encoders {
            guard let encoder = resources.encoders.first(where: { $0.id == encoderID }) else { continue }
            for (index, crtc) in resources.crtcs.enumerated() where index < 32 && encoder.possibleCrtcs & (1 << UInt32(index)) != 0 {
                return crtc
            }
        }
        return nil
    }
}
