import CNcursesw
import ReconTUI

