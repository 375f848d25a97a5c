import datetime, sys, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Danh sách"
ws.append(["STT","Đối tượng","Họ và tên / Tên tập thể / Chủ hộ","Giới tính","Ngày sinh","Chức vụ","Trực tiếp lao động, sản xuất","Số định danh cá nhân","Loại tập thể","Thôn","Hình thức khen thưởng","Tóm tắt thành tích"])
ws.append([1,"Cá nhân","Đinh Thị Hoa","Nữ",datetime.date(1988,7,9),"Y sĩ",False,"038188001234",None,None,"lao_dong_tien_tien","Hoàn thành xuất sắc nhiệm vụ."])
ws.append([2,"Tập thể","Trường Tiểu học Bình Lương",None,None,None,None,None,"Trường học",None,"Giấy khen của Chủ tịch UBND xã","Tập thể tiêu biểu năm học 2023–2024."])
ws.append([3,"Cá nhân","Vi Văn Minh","Nam","02/01/1970",None,True,None,None,None,"Lao động tiên tiến","Trồng 3 ha rừng."])
wb.save(sys.argv[1])
