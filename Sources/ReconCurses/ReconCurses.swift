import CNcursesw
import ReconTUI
