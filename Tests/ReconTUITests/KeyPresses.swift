@testable import ReconTUI

/// Presses keys on the reducer as the run loop would, collecting the effects.
@discardableResult
func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
  var effects: [Effect] = []
  for key in keys { effects += Reducer.update(&state, .key(key)) }
  return effects
}

/// Types a text into the current prompt.
func type(_ state: inout AppState, _ text: String) {
  for character in text { _ = Reducer.update(&state, .key(.character(character))) }
}
