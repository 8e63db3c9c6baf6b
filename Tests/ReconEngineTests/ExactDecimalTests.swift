import Testing
@testable import ReconEngine

