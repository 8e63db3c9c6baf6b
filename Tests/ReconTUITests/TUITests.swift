import Testing
@testable import ReconTUI

