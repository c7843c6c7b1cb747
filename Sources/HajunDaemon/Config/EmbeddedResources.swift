/// The bundled configuration, lexicon and gazetteer, compiled into the binary from `config/` so that hajund
/// works wherever it runs from.
public enum EmbeddedResources {
    public static var defaultConfiguration: String { String(decoding: PackageResources.hajund_yaml, as: UTF8.self) }
    public static var lexicon: String { String(decoding: PackageResources.lexicon_yaml, as: UTF8.self) }
    public static var gazetteer: String { String(decoding: PackageResources.gazetteer_yaml, as: UTF8.self) }
}
